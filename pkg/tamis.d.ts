/* tslint:disable */
/* eslint-disable */

/**
 * A streaming audit: `feed` chunks, then `finish`.
 */
export class Auditor {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Bytes fed so far.
     */
    bytesFed(): number;
    /**
     * Pushes the next chunk of the file. Throws a `TamisStateError` after `finish`.
     */
    feed(chunk: Uint8Array | number[]): void;
    /**
     * Ends the input. Returns `{ report, reportJson, preview }`: the report as an
     * object, the same report as pretty JSON with a final newline (the golden-file
     * format, byte for byte the CLI's), and the preview or `null`. The auditor cannot be
     * used afterwards.
     */
    finish(): any;
    /**
     * Creates an auditor. `options` is an object with the JSON options' snake_case keys
     * (`{ delimiter: ";", audit_date: "2026-11-29" }`), or `undefined`/`null` for the
     * defaults. Throws a `TamisOptionError` for options that cannot be used (an unknown
     * key included).
     */
    constructor(options: any);
    /**
     * The preview (encoding, delimiter, header, columns and first rows) once the
     * dialect is known, else `null`. It holds cell values: keep it on this machine.
     */
    preview(): any;
    /**
     * Data rows read so far.
     */
    rows(): number;
    /**
     * Whether `finish` was called.
     */
    readonly finished: boolean;
}

/**
 * Panics on purpose: lets tests check that a page survives a wasm trap.
 */
export function __panicForTests(): void;

/**
 * Installs the panic hook when the module is instantiated.
 */
export function install_panic_hook(): void;

/**
 * The message of the last panic (`undefined` if none). Still readable after the trap, but
 * prefer [`set_panic_handler`], which does not call into a trapped instance.
 */
export function lastPanic(): string | undefined;

/**
 * Every rule (code, category, severity, effect, scope, and the summary, what, why and
 * todo texts as `{en, fr}`), sorted by code.
 */
export function rules(): any;

/**
 * Registers a function called with the panic message just before the instance traps
 * (`null` or `undefined` removes it).
 */
export function setPanicHandler(handler?: Function | null): void;

/**
 * This crate's version.
 */
export function version(): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly __panicForTests: () => void;
    readonly __wbg_auditor_free: (a: number, b: number) => void;
    readonly auditor_bytesFed: (a: number) => [number, number, number];
    readonly auditor_feed: (a: number, b: number, c: number) => [number, number];
    readonly auditor_finish: (a: number) => [number, number, number];
    readonly auditor_finished: (a: number) => number;
    readonly auditor_new: (a: any) => [number, number, number];
    readonly auditor_preview: (a: number) => [number, number, number];
    readonly auditor_rows: (a: number) => [number, number, number];
    readonly install_panic_hook: () => void;
    readonly lastPanic: () => [number, number];
    readonly rules: () => [number, number, number];
    readonly setPanicHandler: (a: number) => void;
    readonly version: () => [number, number];
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_drop_slice: (a: number, b: number) => void;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
