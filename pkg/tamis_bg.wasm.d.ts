/* tslint:disable */
/* eslint-disable */
export const memory: WebAssembly.Memory;
export const __panicForTests: () => void;
export const __wbg_auditor_free: (a: number, b: number) => void;
export const auditor_bytesFed: (a: number) => [number, number, number];
export const auditor_feed: (a: number, b: number, c: number) => [number, number];
export const auditor_finish: (a: number) => [number, number, number];
export const auditor_finished: (a: number) => number;
export const auditor_new: (a: any) => [number, number, number];
export const auditor_preview: (a: number) => [number, number, number];
export const auditor_rows: (a: number) => [number, number, number];
export const install_panic_hook: () => void;
export const lastPanic: () => [number, number];
export const rules: () => [number, number, number];
export const setPanicHandler: (a: number) => void;
export const version: () => [number, number];
export const __wbindgen_malloc: (a: number, b: number) => number;
export const __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
export const __wbindgen_free: (a: number, b: number, c: number) => void;
export const __wbindgen_exn_store: (a: number) => void;
export const __externref_table_alloc: () => number;
export const __wbindgen_externrefs: WebAssembly.Table;
export const __externref_drop_slice: (a: number, b: number) => void;
export const __externref_table_dealloc: (a: number) => void;
export const __wbindgen_start: () => void;
