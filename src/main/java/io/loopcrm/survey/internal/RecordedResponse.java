package io.loopcrm.survey.internal;

/**
 * The outcome of recording a response.
 *
 * @param id the response's id
 * @param created {@code false} when a response with the same external id was there
 * already (nothing was written)
 */
public record RecordedResponse(long id, boolean created) {
}
