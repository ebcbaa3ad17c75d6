/**
 * What every CSV import shares: the result shape of the import APIs, reading an upload
 * (encoding, byte-order mark, delimiter, progress) and running an import in the
 * background for a page with a progress bar.
 */
@org.springframework.modulith.NamedInterface("imports")
package io.loopcrm.platform.imports;
