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
     * The audit certificate, after `finish` (see `tamis::certificate`: the file's SHA-256,
     * size and rows, the options, the score and the counts, **no personal data**), with
     * `fileName` written in it (`undefined`: none). Returns `{ certificate, certificateJson }`:
     * an object, and the JSON `tamis audit --certificate` writes for the same file, options
     * and name. Throws a `TamisStateError` before `finish`.
     */
    certificate(file_name?: string | null): any;
    /**
     * The cell values behind the report's examples, for the page to show (masked):
     * `{ maxExamples, cellCap, rows: [{ row, cells: [string] }] }`, `rows` in file order.
     * A row is kept when the report keeps it as an example of one of its findings (the
     * first `max_examples` rows of a code); its first cells, each cut to
     * `cellCap` characters (`…` marks a cut), until a fixed budget is spent (later rows:
     * no cells). They are cell values: **never put them in the report**, nor post them
     * outside the page. Callable before or after `finish`.
     */
    exampleValues(): any;
    /**
     * Pushes the next chunk of the file. Throws a `TamisStateError` after `finish`.
     */
    feed(chunk: Uint8Array | number[]): void;
    /**
     * Ends the input. Returns `{ report, reportJson, preview }`: the report as an
     * object, the same report as pretty JSON with a final newline (the golden-file
     * format, byte for byte the CLI's), and the preview or `null`. The auditor cannot be
     * used afterwards. `sha256`: the file's digest (32 bytes) after `hashElsewhere`,
     * else `undefined`.
     */
    finish(sha256?: Uint8Array | number[] | null): any;
    /**
     * The file's SHA-256 is computed by the caller, at the same time (in another
     * worker): the auditor does not hash what it is fed, and `finish` takes the digest.
     * Before the first `feed` (else a `TamisStateError`).
     */
    hashElsewhere(): void;
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
     * Matches the rows against the buyer's own customer file (`overlap.own`), built
     * with an `OwnFileBuilder`; the `OwnFile` is consumed. Before the first `feed`
     * (else a `TamisStateError`).
     */
    setOwnFile(own: OwnFile): void;
    /**
     * Matches the rows against a partner's hash file (`tamis hash --salt-file` output,
     * UTF-8 bytes) with the salt shared with the partner (the salt file's bytes, one
     * trailing line ending ignored): rows whose email or phone is in it get
     * `overlap.partner`. Throws a `TamisSaltError` (salt under 16 bytes) or a
     * `TamisHashFileError` (naming the line); before the first `feed`.
     */
    setPartnerHashes(hash_file: Uint8Array | number[], salt: Uint8Array | number[]): void;
    /**
     * Matches the rows against the owner's seed registry (`tamis seeds` or the page's
     * seeds tab; UTF-8 bytes) opened with its secret (the secret file's bytes): seed rows
     * get `seed.registry` and the report names the recipients. Throws a
     * `TamisSaltError` (secret under 16 bytes) or a `TamisSeedRegistryError` (another
     * secret, a bad line); before the first `feed`.
     */
    setSeedRegistry(registry: Uint8Array | number[], secret: Uint8Array | number[]): void;
    /**
     * Whether `finish` was called.
     */
    readonly finished: boolean;
}

/**
 * A CSV export of a file, written as the file is read again with the audit's options
 * (`tamis audit --annotate` or `--usable`, byte for byte): `new Exporter(auditor, kind)`
 * takes a fresh `Auditor` (the audit's options and reference lists set, nothing fed; it is
 * consumed) and `kind` (`annotated` or `usable`). Then `feed` the file's chunks and
 * `take()` the CSV bytes written so far, as often as you like (the parts, in order, are
 * the file: hand them to a `Blob`); `finish()`, and `take()` the rest. It holds the bytes
 * not yet taken, never the whole file. The bytes hold cell values: keep them local.
 *
 * ```js
 * const x = new Exporter(new Auditor(options), 'usable');
 * const parts = [];
 * for await (const chunk of file.stream()) { x.feed(chunk); parts.push(x.take()); }
 * const { rows, sha256 } = x.finish();
 * parts.push(x.take());
 * const blob = new Blob(parts, { type: 'text/csv' });
 * ```
 */
export class Exporter {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Bytes of the file fed so far.
     */
    bytesFed(): number;
    /**
     * Pushes the next chunk of the file. Throws a `TamisStateError` after `finish`.
     */
    feed(chunk: Uint8Array | number[]): void;
    /**
     * Ends the file. Returns `{ rows, header, bytes, sha256 }`: the data rows written, whether
     * anything was written (false: the file is not text or has no columns), and the size and
     * SHA-256 of the bytes read (compare them with the audit's: the file did not change).
     * `sha256`: the file's digest (32 bytes) if the auditor it was made with hashes
     * elsewhere, else `undefined`.
     */
    finish(sha256?: Uint8Array | number[] | null): any;
    /**
     * Throws a `TamisOptionError` for another `kind`, a `TamisStateError` for an
     * `Auditor` already fed or finished.
     */
    constructor(auditor: Auditor, kind: string);
    /**
     * Data rows read so far.
     */
    rows(): number;
    /**
     * The CSV bytes written since the last `take` (possibly none).
     */
    take(): Uint8Array;
    /**
     * Bytes written and not yet taken.
     */
    readonly buffered: number;
    /**
     * Data rows written so far.
     */
    readonly written: number;
}

/**
 * `tamis hash` in the browser: `new(options, saltOrPlatform, kind)`, `feed` the file's
 * chunks, `finish()` gives the hash file's text, byte for byte what `tamis hash` writes
 * for the same input and salt or platform.
 */
export class HashBuilder {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Pushes the next chunk of the file.
     */
    feed(chunk: Uint8Array | number[]): void;
    /**
     * Ends the file. Returns `{ text, header, hashes, stats: { rows, rowsWithoutKey,
     * emails, phones, invalid, duplicates } }`: `text` is the hash file (a first line
     * `# <rule>`, then one lower-case SHA-256 hex per line, sorted). Throws a
     * `TamisHashError` when the file has no email or phone column (`name` names the
     * file in the message).
     */
    finish(name?: string | null): any;
    /**
     * `options` as for `Auditor` (`undefined`: the defaults). `salt_or_platform`: the
     * salt file's bytes (a `Uint8Array`, 16 bytes or more, shared with a partner), or an
     * ad platform's name (`google`, `meta`, `tiktok`) for its unsalted hashes. `kind`:
     * `email`, `phone` or `both` (`undefined`: both). Throws a `TamisOptionError` or a
     * `TamisSaltError`.
     */
    constructor(options: any, salt_or_platform: any, kind?: string | null);
    /**
     * Bytes fed so far.
     */
    readonly bytesFed: number;
    /**
     * Data rows read so far.
     */
    readonly rows: number;
}

/**
 * The layout of a file to write seeds like (`tamis seeds make --like`): `feed` its
 * chunks until `done` (only the header is needed), then give it to `seedsMake`.
 */
export class LikeFile {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Pushes the next chunk.
     */
    feed(chunk: Uint8Array | number[]): void;
    /**
     * A reader with these options (`delimiter`, `encoding`, `roles` matter;
     * `undefined` for the defaults).
     */
    constructor(options: any);
    /**
     * True once the header is read: stop feeding.
     */
    readonly done: boolean;
}

/**
 * A customer file read by an `OwnFileBuilder`, for `Auditor.setOwnFile`.
 */
export class OwnFile {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Its data rows.
     */
    readonly rows: number;
}

/**
 * The buyer's own customer file, read for an audit's `overlap.own`: `new(options)`,
 * `feed` its chunks, `finish()` gives the `OwnFile` for `Auditor.setOwnFile`. Its
 * columns are detected on their own (give it the audit's options without `delimiter`,
 * `encoding`, `header` and `roles`, as `tamis audit --own` does). It keeps fixed-size
 * identities of the rows (no strings).
 */
export class OwnFileBuilder {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Pushes the next chunk of the customer file.
     */
    feed(chunk: Uint8Array | number[]): void;
    /**
     * Ends the customer file. Throws a `TamisOptionError` when it has no column to
     * match on (no email, phone, name or postal column).
     */
    finish(): OwnFile;
    /**
     * A builder with these options (as for `Auditor`; `undefined` for the defaults).
     */
    constructor(options: any);
    /**
     * Bytes fed so far.
     */
    readonly bytesFed: number;
}

/**
 * A streaming SHA-256 (the page's second worker hashes the file with it while the
 * audit reads it: `Auditor.hashElsewhere`).
 */
export class Sha256 {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * The digest of everything hashed so far (32 bytes); more can be hashed after.
     */
    digest(): Uint8Array;
    /**
     * A hash of nothing yet.
     */
    constructor();
    /**
     * Hashes the next chunk.
     */
    update(chunk: Uint8Array | number[]): void;
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
 * `tamis seeds add`: registers seed addresses or numbers the owner already has.
 * `request`: `{ secret: Uint8Array, recipient, date: "YYYY-MM-DD", registry?:
 * Uint8Array, emails?: Uint8Array, emailsName?: string, phones?: Uint8Array,
 * phonesName?: string }` (the list files' bytes: one value per line, blank lines and
 * `#` comments skipped; at least one list). Returns `{ registryText, added, already,
 * lines, recipients, notes, counts }` (`counts`: `{ emails, phones }` registered). A
 * list without any valid value is an error (`NAME: no valid email address (not valid
 * on line 2)`); invalid lines of a list that has valid ones are skipped, and named in
 * `notes`.
 */
export function seedsAdd(request: any): any;

/**
 * `tamis seeds make`: makes `count` seed records for a recipient, derived from the
 * secret, and registers them. `request`: `{ secret: Uint8Array, recipient, count,
 * domain, date: "YYYY-MM-DD", phones?: bool, rowsOnly?: bool, registry?: Uint8Array
 * (the registry file so far; none: a new registry), likeName?: string }`; `like`: a
 * `LikeFile` (consumed) to write the seeds in that file's layout, or `undefined`.
 *
 * Returns `{ seedsCsv: Uint8Array, encoding, seeds, phones, registryText, added,
 * already, lines, recipients, notes }`: the seed file's bytes (windows-1252 when the
 * like file is, else UTF-8), the registry's new text (the given one byte for byte with
 * the new lines appended), counts, and notes (strings) worth showing. The same secret,
 * recipient, registry and date give the same bytes as the CLI. Errors (with the CLI's
 * messages, options named without `--`): `TamisOptionError`, `TamisSaltError`,
 * `TamisSeedRegistryError`.
 */
export function seedsMake(request: any, like?: LikeFile | null): any;

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
    readonly __wbg_exporter_free: (a: number, b: number) => void;
    readonly __wbg_hashbuilder_free: (a: number, b: number) => void;
    readonly __wbg_likefile_free: (a: number, b: number) => void;
    readonly __wbg_ownfile_free: (a: number, b: number) => void;
    readonly __wbg_ownfilebuilder_free: (a: number, b: number) => void;
    readonly __wbg_sha256_free: (a: number, b: number) => void;
    readonly auditor_bytesFed: (a: number) => [number, number, number];
    readonly auditor_certificate: (a: number, b: number, c: number) => [number, number, number];
    readonly auditor_exampleValues: (a: number) => [number, number, number];
    readonly auditor_feed: (a: number, b: number, c: number) => [number, number];
    readonly auditor_finish: (a: number, b: number, c: number) => [number, number, number];
    readonly auditor_finished: (a: number) => number;
    readonly auditor_hashElsewhere: (a: number) => [number, number];
    readonly auditor_new: (a: any) => [number, number, number];
    readonly auditor_preview: (a: number) => [number, number, number];
    readonly auditor_rows: (a: number) => [number, number, number];
    readonly auditor_setOwnFile: (a: number, b: number) => [number, number];
    readonly auditor_setPartnerHashes: (a: number, b: number, c: number, d: number, e: number) => [number, number];
    readonly auditor_setSeedRegistry: (a: number, b: number, c: number, d: number, e: number) => [number, number];
    readonly exporter_buffered: (a: number) => number;
    readonly exporter_bytesFed: (a: number) => [number, number, number];
    readonly exporter_feed: (a: number, b: number, c: number) => [number, number];
    readonly exporter_finish: (a: number, b: number, c: number) => [number, number, number];
    readonly exporter_new: (a: number, b: number, c: number) => [number, number, number];
    readonly exporter_rows: (a: number) => [number, number, number];
    readonly exporter_take: (a: number) => any;
    readonly exporter_written: (a: number) => number;
    readonly hashbuilder_bytesFed: (a: number) => number;
    readonly hashbuilder_feed: (a: number, b: number, c: number) => [number, number];
    readonly hashbuilder_finish: (a: number, b: number, c: number) => [number, number, number];
    readonly hashbuilder_new: (a: any, b: any, c: number, d: number) => [number, number, number];
    readonly hashbuilder_rows: (a: number) => number;
    readonly install_panic_hook: () => void;
    readonly lastPanic: () => [number, number];
    readonly likefile_done: (a: number) => number;
    readonly likefile_feed: (a: number, b: number, c: number) => void;
    readonly likefile_new: (a: any) => [number, number, number];
    readonly ownfile_rows: (a: number) => number;
    readonly ownfilebuilder_bytesFed: (a: number) => number;
    readonly ownfilebuilder_feed: (a: number, b: number, c: number) => [number, number];
    readonly ownfilebuilder_finish: (a: number) => [number, number, number];
    readonly ownfilebuilder_new: (a: any) => [number, number, number];
    readonly rules: () => [number, number, number];
    readonly seedsAdd: (a: any) => [number, number, number];
    readonly seedsMake: (a: any, b: number) => [number, number, number];
    readonly setPanicHandler: (a: number) => void;
    readonly sha256_digest: (a: number) => [number, number];
    readonly sha256_new: () => number;
    readonly sha256_update: (a: number, b: number, c: number) => void;
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
