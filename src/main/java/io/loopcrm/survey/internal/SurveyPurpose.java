package io.loopcrm.survey.internal;

/**
 * Relationship surveys ask about the business as a whole, transactional ones about one
 * occasion.
 */
public enum SurveyPurpose {

	RELATIONSHIP, TRANSACTIONAL

}
