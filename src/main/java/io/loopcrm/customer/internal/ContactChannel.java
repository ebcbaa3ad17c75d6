package io.loopcrm.customer.internal;

/** How a customer prefers to be contacted. */
enum ContactChannel {

	EMAIL, SMS, PHONE, WECHAT, IN_PERSON

}
