package io.loopcrm.complaint.internal;

/** How a complaint reached us. */
public enum Channel {

	PHONE, EMAIL, WEB, APP, WECHAT, STORE, SOCIAL_MEDIA, LETTER, OTHER

}
