package io.loopcrm.complaint.internal;

/**
 * What a complaint is about. Product and order references are looked up (by SKU and order
 * number); staff, store and service references are free text.
 */
public enum AboutType {

	PRODUCT, ORDER, STAFF, STORE, SERVICE

}
