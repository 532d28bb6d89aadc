/* @ts-self-types="./tamis.d.ts" */

/**
 * A streaming audit: `feed` chunks, then `finish`.
 */
export class Auditor {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        AuditorFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_auditor_free(ptr, 0);
    }
    /**
     * Bytes fed so far.
     * @returns {number}
     */
    bytesFed() {
        const ret = wasm.auditor_bytesFed(this.__wbg_ptr);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return ret[0];
    }
    /**
     * The audit certificate, after `finish` (see `tamis::certificate`: the file's SHA-256,
     * size and rows, the options, the score and the counts, **no personal data**), with
     * `fileName` written in it (`undefined`: none). Returns `{ certificate, certificateJson }`:
     * an object, and the JSON `tamis audit --certificate` writes for the same file, options
     * and name. Throws a `TamisStateError` before `finish`.
     * @param {string | null} [file_name]
     * @returns {any}
     */
    certificate(file_name) {
        var ptr0 = isLikeNone(file_name) ? 0 : passStringToWasm0(file_name, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        var len0 = WASM_VECTOR_LEN;
        const ret = wasm.auditor_certificate(this.__wbg_ptr, ptr0, len0);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * The cell values behind the report's examples, for the page to show (masked):
     * `{ maxExamples, cellCap, rows: [{ row, cells: [string] }] }`, `rows` in file order.
     * A row is kept when the report keeps it as an example of one of its findings (the
     * first `max_examples` rows of a code); its first cells, each cut to
     * `cellCap` characters (`…` marks a cut), until a fixed budget is spent (later rows:
     * no cells). They are cell values: **never put them in the report**, nor post them
     * outside the page. Callable before or after `finish`.
     * @returns {any}
     */
    exampleValues() {
        const ret = wasm.auditor_exampleValues(this.__wbg_ptr);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * Pushes the next chunk of the file. Throws a `TamisStateError` after `finish`.
     * @param {Uint8Array | number[]} chunk
     */
    feed(chunk) {
        const ptr0 = passArray8ToWasm0(chunk, wasm.__wbindgen_malloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.auditor_feed(this.__wbg_ptr, ptr0, len0);
        if (ret[1]) {
            throw takeFromExternrefTable0(ret[0]);
        }
    }
    /**
     * Ends the input. Returns `{ report, reportJson, preview }`: the report as an
     * object, the same report as pretty JSON with a final newline (the golden-file
     * format, byte for byte the CLI's), and the preview or `null`. The auditor cannot be
     * used afterwards. `sha256`: the file's digest (32 bytes) after `hashElsewhere`,
     * else `undefined`.
     * @param {Uint8Array | number[] | null} [sha256]
     * @returns {any}
     */
    finish(sha256) {
        var ptr0 = isLikeNone(sha256) ? 0 : passArray8ToWasm0(sha256, wasm.__wbindgen_malloc);
        var len0 = WASM_VECTOR_LEN;
        const ret = wasm.auditor_finish(this.__wbg_ptr, ptr0, len0);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * Whether `finish` was called.
     * @returns {boolean}
     */
    get finished() {
        const ret = wasm.auditor_finished(this.__wbg_ptr);
        return ret !== 0;
    }
    /**
     * The file's SHA-256 is computed by the caller, at the same time (in another
     * worker): the auditor does not hash what it is fed, and `finish` takes the digest.
     * Before the first `feed` (else a `TamisStateError`).
     */
    hashElsewhere() {
        const ret = wasm.auditor_hashElsewhere(this.__wbg_ptr);
        if (ret[1]) {
            throw takeFromExternrefTable0(ret[0]);
        }
    }
    /**
     * Creates an auditor. `options` is an object with the JSON options' snake_case keys
     * (`{ delimiter: ";", audit_date: "2026-11-29" }`), or `undefined`/`null` for the
     * defaults. Throws a `TamisOptionError` for options that cannot be used (an unknown
     * key included).
     * @param {any} options
     */
    constructor(options) {
        const ret = wasm.auditor_new(options);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        this.__wbg_ptr = ret[0];
        AuditorFinalization.register(this, this.__wbg_ptr, this);
        return this;
    }
    /**
     * The preview (encoding, delimiter, header, columns and first rows) once the
     * dialect is known, else `null`. It holds cell values: keep it on this machine.
     * @returns {any}
     */
    preview() {
        const ret = wasm.auditor_preview(this.__wbg_ptr);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * Data rows read so far.
     * @returns {number}
     */
    rows() {
        const ret = wasm.auditor_rows(this.__wbg_ptr);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return ret[0];
    }
    /**
     * Matches the rows against the buyer's own customer file (`overlap.own`), built
     * with an `OwnFileBuilder`; the `OwnFile` is consumed. Before the first `feed`
     * (else a `TamisStateError`).
     * @param {OwnFile} own
     */
    setOwnFile(own) {
        _assertClass(own, OwnFile);
        var ptr0 = own.__destroy_into_raw();
        const ret = wasm.auditor_setOwnFile(this.__wbg_ptr, ptr0);
        if (ret[1]) {
            throw takeFromExternrefTable0(ret[0]);
        }
    }
    /**
     * Matches the rows against a partner's hash file (`tamis hash --salt-file` output,
     * UTF-8 bytes) with the salt shared with the partner (the salt file's bytes, one
     * trailing line ending ignored): rows whose email or phone is in it get
     * `overlap.partner`. Throws a `TamisSaltError` (salt under 16 bytes) or a
     * `TamisHashFileError` (naming the line); before the first `feed`.
     * @param {Uint8Array | number[]} hash_file
     * @param {Uint8Array | number[]} salt
     */
    setPartnerHashes(hash_file, salt) {
        let ptr0, len0, ptr1, len1;
        try {
            ptr0 = passArray8ToWasm0(hash_file, wasm.__wbindgen_malloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = passArray8ToWasm0(salt, wasm.__wbindgen_malloc);
            len1 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.auditor_setPartnerHashes(this.__wbg_ptr, ptr0, len0, ptr1, len1);
        if (ret[1]) {
            throw takeFromExternrefTable0(ret[0]);
        }
    }
    /**
     * Matches the rows against the owner's seed registry (`tamis seeds` or the page's
     * seeds tab; UTF-8 bytes) opened with its secret (the secret file's bytes): seed rows
     * get `seed.registry` and the report names the recipients. Throws a
     * `TamisSaltError` (secret under 16 bytes) or a `TamisSeedRegistryError` (another
     * secret, a bad line); before the first `feed`.
     * @param {Uint8Array | number[]} registry
     * @param {Uint8Array | number[]} secret
     */
    setSeedRegistry(registry, secret) {
        let ptr0, len0, ptr1, len1;
        try {
            ptr0 = passArray8ToWasm0(registry, wasm.__wbindgen_malloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = passArray8ToWasm0(secret, wasm.__wbindgen_malloc);
            len1 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.auditor_setSeedRegistry(this.__wbg_ptr, ptr0, len0, ptr1, len1);
        if (ret[1]) {
            throw takeFromExternrefTable0(ret[0]);
        }
    }
}
if (Symbol.dispose) Auditor.prototype[Symbol.dispose] = Auditor.prototype.free;

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
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        ExporterFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_exporter_free(ptr, 0);
    }
    /**
     * Bytes written and not yet taken.
     * @returns {number}
     */
    get buffered() {
        const ret = wasm.exporter_buffered(this.__wbg_ptr);
        return ret;
    }
    /**
     * Bytes of the file fed so far.
     * @returns {number}
     */
    bytesFed() {
        const ret = wasm.exporter_bytesFed(this.__wbg_ptr);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return ret[0];
    }
    /**
     * Pushes the next chunk of the file. Throws a `TamisStateError` after `finish`.
     * @param {Uint8Array | number[]} chunk
     */
    feed(chunk) {
        const ptr0 = passArray8ToWasm0(chunk, wasm.__wbindgen_malloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.exporter_feed(this.__wbg_ptr, ptr0, len0);
        if (ret[1]) {
            throw takeFromExternrefTable0(ret[0]);
        }
    }
    /**
     * Ends the file. Returns `{ rows, header, bytes, sha256 }`: the data rows written, whether
     * anything was written (false: the file is not text or has no columns), and the size and
     * SHA-256 of the bytes read (compare them with the audit's: the file did not change).
     * `sha256`: the file's digest (32 bytes) if the auditor it was made with hashes
     * elsewhere, else `undefined`.
     * @param {Uint8Array | number[] | null} [sha256]
     * @returns {any}
     */
    finish(sha256) {
        var ptr0 = isLikeNone(sha256) ? 0 : passArray8ToWasm0(sha256, wasm.__wbindgen_malloc);
        var len0 = WASM_VECTOR_LEN;
        const ret = wasm.exporter_finish(this.__wbg_ptr, ptr0, len0);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * Throws a `TamisOptionError` for another `kind`, a `TamisStateError` for an
     * `Auditor` already fed or finished.
     * @param {Auditor} auditor
     * @param {string} kind
     */
    constructor(auditor, kind) {
        let ptr0, ptr1, len1;
        try {
            _assertClass(auditor, Auditor);
            ptr0 = auditor.__destroy_into_raw();
            ptr1 = passStringToWasm0(kind, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) wasm.__wbg_auditor_free(ptr0, 1);
            throw e;
        }
        const ret = wasm.exporter_new(ptr0, ptr1, len1);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        this.__wbg_ptr = ret[0];
        ExporterFinalization.register(this, this.__wbg_ptr, this);
        return this;
    }
    /**
     * Data rows read so far.
     * @returns {number}
     */
    rows() {
        const ret = wasm.exporter_rows(this.__wbg_ptr);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return ret[0];
    }
    /**
     * The CSV bytes written since the last `take` (possibly none).
     * @returns {Uint8Array}
     */
    take() {
        const ret = wasm.exporter_take(this.__wbg_ptr);
        return ret;
    }
    /**
     * Data rows written so far.
     * @returns {number}
     */
    get written() {
        const ret = wasm.exporter_written(this.__wbg_ptr);
        return ret;
    }
}
if (Symbol.dispose) Exporter.prototype[Symbol.dispose] = Exporter.prototype.free;

/**
 * `tamis hash` in the browser: `new(options, saltOrPlatform, kind)`, `feed` the file's
 * chunks, `finish()` gives the hash file's text, byte for byte what `tamis hash` writes
 * for the same input and salt or platform.
 */
export class HashBuilder {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        HashBuilderFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_hashbuilder_free(ptr, 0);
    }
    /**
     * Bytes fed so far.
     * @returns {number}
     */
    get bytesFed() {
        const ret = wasm.hashbuilder_bytesFed(this.__wbg_ptr);
        return ret;
    }
    /**
     * Pushes the next chunk of the file.
     * @param {Uint8Array | number[]} chunk
     */
    feed(chunk) {
        const ptr0 = passArray8ToWasm0(chunk, wasm.__wbindgen_malloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.hashbuilder_feed(this.__wbg_ptr, ptr0, len0);
        if (ret[1]) {
            throw takeFromExternrefTable0(ret[0]);
        }
    }
    /**
     * Ends the file. Returns `{ text, header, hashes, stats: { rows, rowsWithoutKey,
     * emails, phones, invalid, duplicates } }`: `text` is the hash file (a first line
     * `# <rule>`, then one lower-case SHA-256 hex per line, sorted). Throws a
     * `TamisHashError` when the file has no email or phone column (`name` names the
     * file in the message).
     * @param {string | null} [name]
     * @returns {any}
     */
    finish(name) {
        var ptr0 = isLikeNone(name) ? 0 : passStringToWasm0(name, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        var len0 = WASM_VECTOR_LEN;
        const ret = wasm.hashbuilder_finish(this.__wbg_ptr, ptr0, len0);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * `options` as for `Auditor` (`undefined`: the defaults). `salt_or_platform`: the
     * salt file's bytes (a `Uint8Array`, 16 bytes or more, shared with a partner), or an
     * ad platform's name (`google`, `meta`, `tiktok`) for its unsalted hashes. `kind`:
     * `email`, `phone` or `both` (`undefined`: both). Throws a `TamisOptionError` or a
     * `TamisSaltError`.
     * @param {any} options
     * @param {any} salt_or_platform
     * @param {string | null} [kind]
     */
    constructor(options, salt_or_platform, kind) {
        var ptr0 = isLikeNone(kind) ? 0 : passStringToWasm0(kind, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        var len0 = WASM_VECTOR_LEN;
        const ret = wasm.hashbuilder_new(options, salt_or_platform, ptr0, len0);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        this.__wbg_ptr = ret[0];
        HashBuilderFinalization.register(this, this.__wbg_ptr, this);
        return this;
    }
    /**
     * Data rows read so far.
     * @returns {number}
     */
    get rows() {
        const ret = wasm.hashbuilder_rows(this.__wbg_ptr);
        return ret;
    }
}
if (Symbol.dispose) HashBuilder.prototype[Symbol.dispose] = HashBuilder.prototype.free;

/**
 * The layout of a file to write seeds like (`tamis seeds make --like`): `feed` its
 * chunks until `done` (only the header is needed), then give it to `seedsMake`.
 */
export class LikeFile {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        LikeFileFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_likefile_free(ptr, 0);
    }
    /**
     * True once the header is read: stop feeding.
     * @returns {boolean}
     */
    get done() {
        const ret = wasm.likefile_done(this.__wbg_ptr);
        return ret !== 0;
    }
    /**
     * Pushes the next chunk.
     * @param {Uint8Array | number[]} chunk
     */
    feed(chunk) {
        const ptr0 = passArray8ToWasm0(chunk, wasm.__wbindgen_malloc);
        const len0 = WASM_VECTOR_LEN;
        wasm.likefile_feed(this.__wbg_ptr, ptr0, len0);
    }
    /**
     * A reader with these options (`delimiter`, `encoding`, `roles` matter;
     * `undefined` for the defaults).
     * @param {any} options
     */
    constructor(options) {
        const ret = wasm.likefile_new(options);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        this.__wbg_ptr = ret[0];
        LikeFileFinalization.register(this, this.__wbg_ptr, this);
        return this;
    }
}
if (Symbol.dispose) LikeFile.prototype[Symbol.dispose] = LikeFile.prototype.free;

/**
 * A customer file read by an `OwnFileBuilder`, for `Auditor.setOwnFile`.
 */
export class OwnFile {
    static __wrap(ptr) {
        const obj = Object.create(OwnFile.prototype);
        obj.__wbg_ptr = ptr;
        OwnFileFinalization.register(obj, obj.__wbg_ptr, obj);
        return obj;
    }
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        OwnFileFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_ownfile_free(ptr, 0);
    }
    /**
     * Its data rows.
     * @returns {number}
     */
    get rows() {
        const ret = wasm.ownfile_rows(this.__wbg_ptr);
        return ret;
    }
}
if (Symbol.dispose) OwnFile.prototype[Symbol.dispose] = OwnFile.prototype.free;

/**
 * The buyer's own customer file, read for an audit's `overlap.own`: `new(options)`,
 * `feed` its chunks, `finish()` gives the `OwnFile` for `Auditor.setOwnFile`. Its
 * columns are detected on their own (give it the audit's options without `delimiter`,
 * `encoding`, `header` and `roles`, as `tamis audit --own` does). It keeps fixed-size
 * identities of the rows (no strings).
 */
export class OwnFileBuilder {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        OwnFileBuilderFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_ownfilebuilder_free(ptr, 0);
    }
    /**
     * Bytes fed so far.
     * @returns {number}
     */
    get bytesFed() {
        const ret = wasm.ownfilebuilder_bytesFed(this.__wbg_ptr);
        return ret;
    }
    /**
     * Pushes the next chunk of the customer file.
     * @param {Uint8Array | number[]} chunk
     */
    feed(chunk) {
        const ptr0 = passArray8ToWasm0(chunk, wasm.__wbindgen_malloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.ownfilebuilder_feed(this.__wbg_ptr, ptr0, len0);
        if (ret[1]) {
            throw takeFromExternrefTable0(ret[0]);
        }
    }
    /**
     * Ends the customer file. Throws a `TamisOptionError` when it has no column to
     * match on (no email, phone, name or postal column).
     * @returns {OwnFile}
     */
    finish() {
        const ret = wasm.ownfilebuilder_finish(this.__wbg_ptr);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return OwnFile.__wrap(ret[0]);
    }
    /**
     * A builder with these options (as for `Auditor`; `undefined` for the defaults).
     * @param {any} options
     */
    constructor(options) {
        const ret = wasm.ownfilebuilder_new(options);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        this.__wbg_ptr = ret[0];
        OwnFileBuilderFinalization.register(this, this.__wbg_ptr, this);
        return this;
    }
}
if (Symbol.dispose) OwnFileBuilder.prototype[Symbol.dispose] = OwnFileBuilder.prototype.free;

/**
 * A streaming SHA-256 (the page's second worker hashes the file with it while the
 * audit reads it: `Auditor.hashElsewhere`).
 */
export class Sha256 {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        Sha256Finalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_sha256_free(ptr, 0);
    }
    /**
     * The digest of everything hashed so far (32 bytes); more can be hashed after.
     * @returns {Uint8Array}
     */
    digest() {
        const ret = wasm.sha256_digest(this.__wbg_ptr);
        var v1 = getArrayU8FromWasm0(ret[0], ret[1]).slice();
        wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
        return v1;
    }
    /**
     * A hash of nothing yet.
     */
    constructor() {
        const ret = wasm.sha256_new();
        this.__wbg_ptr = ret;
        Sha256Finalization.register(this, this.__wbg_ptr, this);
        return this;
    }
    /**
     * Hashes the next chunk.
     * @param {Uint8Array | number[]} chunk
     */
    update(chunk) {
        const ptr0 = passArray8ToWasm0(chunk, wasm.__wbindgen_malloc);
        const len0 = WASM_VECTOR_LEN;
        wasm.sha256_update(this.__wbg_ptr, ptr0, len0);
    }
}
if (Symbol.dispose) Sha256.prototype[Symbol.dispose] = Sha256.prototype.free;

/**
 * Panics on purpose: lets tests check that a page survives a wasm trap.
 */
export function __panicForTests() {
    wasm.__panicForTests();
}

/**
 * Installs the panic hook when the module is instantiated.
 */
export function install_panic_hook() {
    wasm.install_panic_hook();
}

/**
 * The message of the last panic (`undefined` if none). Still readable after the trap, but
 * prefer [`set_panic_handler`], which does not call into a trapped instance.
 * @returns {string | undefined}
 */
export function lastPanic() {
    const ret = wasm.lastPanic();
    let v1;
    if (ret[0] !== 0) {
        v1 = getStringFromWasm0(ret[0], ret[1]);
        wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
    }
    return v1;
}

/**
 * Every rule (code, category, severity, effect, scope, and the summary, what, why and
 * todo texts as `{en, fr}`), sorted by code.
 * @returns {any}
 */
export function rules() {
    const ret = wasm.rules();
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}

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
 * @param {any} request
 * @returns {any}
 */
export function seedsAdd(request) {
    const ret = wasm.seedsAdd(request);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}

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
 * @param {any} request
 * @param {LikeFile | null} [like]
 * @returns {any}
 */
export function seedsMake(request, like) {
    let ptr0 = 0;
    if (!isLikeNone(like)) {
        _assertClass(like, LikeFile);
        ptr0 = like.__destroy_into_raw();
    }
    const ret = wasm.seedsMake(request, ptr0);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}

/**
 * Registers a function called with the panic message just before the instance traps
 * (`null` or `undefined` removes it).
 * @param {Function | null} [handler]
 */
export function setPanicHandler(handler) {
    wasm.setPanicHandler(isLikeNone(handler) ? 0 : addToExternrefTable0(handler));
}

/**
 * This crate's version.
 * @returns {string}
 */
export function version() {
    let deferred1_0;
    let deferred1_1;
    try {
        const ret = wasm.version();
        deferred1_0 = ret[0];
        deferred1_1 = ret[1];
        return getStringFromWasm0(ret[0], ret[1]);
    } finally {
        wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
    }
}
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg_Error_208446807d0d1e30: function(arg0, arg1) {
            const ret = Error(getStringFromWasm0(arg0, arg1));
            return ret;
        },
        __wbg_String_8564e559799eccda: function(arg0, arg1) {
            const ret = String(arg1);
            const ptr1 = passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            const len1 = WASM_VECTOR_LEN;
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
        },
        __wbg___wbindgen_is_falsy_d864b623500ae65d: function(arg0) {
            const ret = !arg0;
            return ret;
        },
        __wbg___wbindgen_is_null_c22311b1cc228e3a: function(arg0) {
            const ret = arg0 === null;
            return ret;
        },
        __wbg___wbindgen_is_object_8b968c3ab8e96595: function(arg0) {
            const val = arg0;
            const ret = typeof(val) === 'object' && val !== null;
            return ret;
        },
        __wbg___wbindgen_is_string_fc456fee5d3317de: function(arg0) {
            const ret = typeof(arg0) === 'string';
            return ret;
        },
        __wbg___wbindgen_is_undefined_be5b34249ff1fc15: function(arg0) {
            const ret = arg0 === undefined;
            return ret;
        },
        __wbg___wbindgen_number_get_934b640d0889af78: function(arg0, arg1) {
            const obj = arg1;
            const ret = typeof(obj) === 'number' ? obj : undefined;
            getDataViewMemory0().setFloat64((arg0 >>> 0) + 8 * 1, isLikeNone(ret) ? 0 : ret, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, !isLikeNone(ret), true);
        },
        __wbg___wbindgen_string_get_7ce8eee7fd327545: function(arg0, arg1) {
            const obj = arg1;
            const ret = typeof(obj) === 'string' ? obj : undefined;
            var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            var len1 = WASM_VECTOR_LEN;
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
        },
        __wbg___wbindgen_throw_4c88d8bf264fd984: function(arg0, arg1) {
            throw new Error(getStringFromWasm0(arg0, arg1));
        },
        __wbg_call_a410eb4b59ed5965: function() { return handleError(function (arg0, arg1, arg2) {
            const ret = arg0.call(arg1, arg2);
            return ret;
        }, arguments); },
        __wbg_error_94a3889fcc56be00: function(arg0, arg1) {
            var v0 = getArrayJsValueFromWasm0(arg0, arg1);
            wasm.__wbindgen_free(arg0, arg1 * 4, 4);
            console.error(...(v0));
        },
        __wbg_get_2080c49015e35254: function() { return handleError(function (arg0, arg1) {
            const ret = Reflect.get(arg0, arg1);
            return ret;
        }, arguments); },
        __wbg_instanceof_ArrayBuffer_12cdaa4161423e6b: function(arg0) {
            let result;
            try {
                result = arg0 instanceof ArrayBuffer;
            } catch (_) {
                result = false;
            }
            const ret = result;
            return ret;
        },
        __wbg_instanceof_Uint8Array_d7aeb0dcb3108fea: function(arg0) {
            let result;
            try {
                result = arg0 instanceof Uint8Array;
            } catch (_) {
                result = false;
            }
            const ret = result;
            return ret;
        },
        __wbg_length_186163212ffe79c3: function(arg0) {
            const ret = arg0.length;
            return ret;
        },
        __wbg_new_13de428334042d26: function(arg0) {
            const ret = new Uint8Array(arg0);
            return ret;
        },
        __wbg_new_37eb45aaf5eeb820: function() {
            const ret = new Array();
            return ret;
        },
        __wbg_new_7075786089b89c5e: function() {
            const ret = new Map();
            return ret;
        },
        __wbg_new_787b9fb330d55d78: function(arg0, arg1) {
            const ret = new Error(getStringFromWasm0(arg0, arg1));
            return ret;
        },
        __wbg_new_cd4348290afae586: function() {
            const ret = new Object();
            return ret;
        },
        __wbg_new_from_slice_b8daf545a41c6aa0: function(arg0, arg1) {
            const ret = new Uint8Array(getArrayU8FromWasm0(arg0, arg1));
            return ret;
        },
        __wbg_prototypesetcall_13162965d1fe7aa3: function(arg0, arg1, arg2) {
            Uint8Array.prototype.set.call(getArrayU8FromWasm0(arg0, arg1), arg2);
        },
        __wbg_set_2793479888329cb6: function() { return handleError(function (arg0, arg1, arg2) {
            const ret = Reflect.set(arg0, arg1, arg2);
            return ret;
        }, arguments); },
        __wbg_set_8282f7e0d2d01336: function(arg0, arg1, arg2) {
            const ret = arg0.set(arg1, arg2);
            return ret;
        },
        __wbg_set_d2d33b52458e984a: function(arg0, arg1, arg2) {
            arg0[arg1 >>> 0] = arg2;
        },
        __wbg_set_e4b9a833d288759a: function(arg0, arg1, arg2) {
            arg0[arg1] = arg2;
        },
        __wbg_set_name_822e3903f3184979: function(arg0, arg1, arg2) {
            arg0.name = getStringFromWasm0(arg1, arg2);
        },
        __wbg_stringify_0a0fbf2ef722380a: function() { return handleError(function (arg0) {
            const ret = JSON.stringify(arg0);
            return ret;
        }, arguments); },
        __wbindgen_generic_0000000000000001: function(arg0) {
            // Cast intrinsic for `F64 -> Externref`.
            const ret = arg0;
            return ret;
        },
        __wbindgen_generic_0000000000000002: function(arg0, arg1) {
            // Cast intrinsic for `Ref(String) -> Externref`.
            const ret = getStringFromWasm0(arg0, arg1);
            return ret;
        },
        __wbindgen_generic_0000000000000003: function(arg0) {
            // Cast intrinsic for `U64 -> Externref`.
            const ret = BigInt.asUintN(64, arg0);
            return ret;
        },
        __wbindgen_init_externref_table: function() {
            const table = wasm.__wbindgen_externrefs;
            table.set(0, undefined);
            table.set(1024, undefined);
            table.set(1025, null);
            table.set(1026, true);
            table.set(1027, false);
        },
    };
    return {
        __proto__: null,
        "./tamis_bg.js": import0,
    };
}

const AuditorFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_auditor_free(ptr, 1));
const ExporterFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_exporter_free(ptr, 1));
const HashBuilderFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_hashbuilder_free(ptr, 1));
const LikeFileFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_likefile_free(ptr, 1));
const OwnFileFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_ownfile_free(ptr, 1));
const OwnFileBuilderFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_ownfilebuilder_free(ptr, 1));
const Sha256Finalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_sha256_free(ptr, 1));

function addToExternrefTable0(obj) {
    const idx = wasm.__externref_table_alloc();
    wasm.__wbindgen_externrefs.set(idx, obj);
    return idx;
}

function _assertClass(instance, klass) {
    if (!(instance instanceof klass)) {
        throw new Error(`expected instance of ${klass.name}`);
    }
}

function getArrayJsValueFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    const mem = getDataViewMemory0();
    const result = [];
    for (let i = ptr; i < ptr + 4 * len; i += 4) {
        result.push(wasm.__wbindgen_externrefs.get(mem.getUint32(i, true)));
    }
    wasm.__externref_drop_slice(ptr, len);
    return result;
}

function getArrayU8FromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return getUint8ArrayMemory0().subarray(ptr / 1, ptr / 1 + len);
}

let cachedDataViewMemory0 = null;
function getDataViewMemory0() {
    if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || (cachedDataViewMemory0.buffer.detached === undefined && cachedDataViewMemory0.buffer !== wasm.memory.buffer)) {
        cachedDataViewMemory0 = new DataView(wasm.memory.buffer);
    }
    return cachedDataViewMemory0;
}

function getStringFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}

let cachedUint8ArrayMemory0 = null;
function getUint8ArrayMemory0() {
    if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) {
        cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);
    }
    return cachedUint8ArrayMemory0;
}

function handleError(f, args) {
    try {
        return f.apply(this, args);
    } catch (e) {
        const idx = addToExternrefTable0(e);
        wasm.__wbindgen_exn_store(idx);
    }
}

function isLikeNone(x) {
    return x === undefined || x === null;
}

function passArray8ToWasm0(arg, malloc) {
    const ptr = malloc(arg.length * 1, 1) >>> 0;
    getUint8ArrayMemory0().set(arg, ptr / 1);
    WASM_VECTOR_LEN = arg.length;
    return ptr;
}

function passStringToWasm0(arg, malloc, realloc) {
    if (realloc === undefined) {
        const buf = cachedTextEncoder.encode(arg);
        const ptr = malloc(buf.length, 1) >>> 0;
        getUint8ArrayMemory0().subarray(ptr, ptr + buf.length).set(buf);
        WASM_VECTOR_LEN = buf.length;
        return ptr;
    }

    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;

    const mem = getUint8ArrayMemory0();

    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }
    if (offset !== len) {
        if (offset !== 0) {
            arg = arg.slice(offset);
        }
        ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
        const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
        const ret = cachedTextEncoder.encodeInto(arg, view);

        offset += ret.written;
        ptr = realloc(ptr, len, offset, 1) >>> 0;
    }

    WASM_VECTOR_LEN = offset;
    return ptr;
}

function takeFromExternrefTable0(idx) {
    const value = wasm.__wbindgen_externrefs.get(idx);
    wasm.__externref_table_dealloc(idx);
    return value;
}

let cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
cachedTextDecoder.decode();
const MAX_SAFARI_DECODE_BYTES = 2146435072;
let numBytesDecoded = 0;
function decodeText(bytes) {
    numBytesDecoded += bytes.length;
    if (numBytesDecoded >= MAX_SAFARI_DECODE_BYTES) {
        cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
        cachedTextDecoder.decode();
        numBytesDecoded = bytes.length;
    }
    return cachedTextDecoder.decode(bytes);
}

const cachedTextEncoder = new TextEncoder();

if (!('encodeInto' in cachedTextEncoder)) {
    cachedTextEncoder.encodeInto = function (arg, view) {
        const buf = cachedTextEncoder.encode(arg);
        view.set(buf);
        return {
            read: arg.length,
            written: buf.length
        };
    };
}

let WASM_VECTOR_LEN = 0;

let wasmModule, wasmInstance, wasm;
function __wbg_finalize_init(instance, module) {
    wasmInstance = instance;
    wasm = instance.exports;
    wasmModule = module;
    cachedDataViewMemory0 = null;
    cachedUint8ArrayMemory0 = null;
    wasm.__wbindgen_start();
    return wasm;
}

async function __wbg_load(module, imports) {
    if (typeof Response === 'function' && module instanceof Response) {
        if (!module.ok) {
            throw new Error(`failed to fetch Wasm: ${module.status} ${module.statusText} fetching '${module.url}'`);
        }

        if (typeof WebAssembly.instantiateStreaming === 'function') {
            try {
                return await WebAssembly.instantiateStreaming(module, imports);
            } catch (e) {
                const validResponse = expectedResponseType(module.type);

                if (validResponse && module.headers.get('Content-Type') !== 'application/wasm') {
                    console.warn("`WebAssembly.instantiateStreaming` failed because your server does not serve Wasm with `application/wasm` MIME type. Falling back to `WebAssembly.instantiate` which is slower. Original error:\n", e);

                } else { throw e; }
            }
        }

        const bytes = await module.arrayBuffer();
        return await WebAssembly.instantiate(bytes, imports);
    } else {
        const instance = await WebAssembly.instantiate(module, imports);

        if (instance instanceof WebAssembly.Instance) {
            return { instance, module };
        } else {
            return instance;
        }
    }

    function expectedResponseType(type) {
        switch (type) {
            case 'basic': case 'cors': case 'default': return true;
        }
        return false;
    }
}

function initSync(module) {
    if (wasm !== undefined) return wasm;


    if (module !== undefined) {
        if (Object.getPrototypeOf(module) === Object.prototype) {
            ({module} = module)
        } else {
            console.warn('using deprecated parameters for `initSync()`; pass a single object instead')
        }
    }

    const imports = __wbg_get_imports();
    if (!(module instanceof WebAssembly.Module)) {
        module = new WebAssembly.Module(module);
    }
    const instance = new WebAssembly.Instance(module, imports);
    return __wbg_finalize_init(instance, module);
}

let __wbg_init_promise;
async function __wbg_init(module_or_path) {
    if (wasm !== undefined) return wasm;
    if (__wbg_init_promise === undefined) {
        __wbg_init_promise = __wbg_init_once(module_or_path);
        __wbg_init_promise.catch(() => { __wbg_init_promise = undefined; });
    }
    return __wbg_init_promise;
}

async function __wbg_init_once(module_or_path) {

    if (module_or_path !== undefined) {
        if (Object.getPrototypeOf(module_or_path) === Object.prototype) {
            ({module_or_path} = module_or_path)
        } else {
            console.warn('using deprecated parameters for the initialization function; pass a single object instead')
        }
    }

    if (module_or_path === undefined) {
        module_or_path = new URL('tamis_bg.wasm', import.meta.url);
    }
    const imports = __wbg_get_imports();

    if (typeof module_or_path === 'string' || (typeof Request === 'function' && module_or_path instanceof Request) || (typeof URL === 'function' && module_or_path instanceof URL)) {
        module_or_path = fetch(module_or_path);
    }

    const { instance, module } = await __wbg_load(await module_or_path, imports);

    return __wbg_finalize_init(instance, module);
}

export { initSync, __wbg_init as default };
