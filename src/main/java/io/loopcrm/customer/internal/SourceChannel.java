package io.loopcrm.customer.internal;

/** Where a customer file came from. */
enum SourceChannel {

	WEB_FORM, STORE_VISIT, PHONE, EVENT, REFERRAL, IMPORT, API

}
