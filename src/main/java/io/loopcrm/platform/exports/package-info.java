/**
 * What every export shares: CSV (UTF-8 with a byte-order mark, CRLF) and streaming XLSX
 * writers with the same rows, and the neutralising of text a spreadsheet would run as a
 * formula.
 */
@org.springframework.modulith.NamedInterface("exports")
package io.loopcrm.platform.exports;
