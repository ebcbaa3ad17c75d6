package io.loopcrm.feedback;

/**
 * Where the feedback came in. {@link #SURVEY} tickets are opened by the survey module
 * from a detractor's answer.
 */
public enum TicketChannel {

	WEB_FORM, SOCIAL, CHAT, PHONE, EMAIL, FACE_TO_FACE, SURVEY

}
