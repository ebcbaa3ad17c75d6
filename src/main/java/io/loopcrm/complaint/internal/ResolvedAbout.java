package io.loopcrm.complaint.internal;

/**
 * What a complaint is about, with its reference looked up.
 *
 * @param type product, order, staff, store or service
 * @param reference the reference as given (SKU, order number, name, store)
 * @param orderId the order an ORDER reference leads to
 * @param productSku the SKU of a PRODUCT reference as on file
 * @param store the STORE reference, or the store of the referenced order
 */
record ResolvedAbout(AboutType type, String reference, Long orderId, String productSku, String store) {
}
