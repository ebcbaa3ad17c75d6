package io.loopcrm.customer;

/**
 * The key facts of a customer other modules show beside their own records.
 *
 * @param id id
 * @param externalId the key other systems use, may be {@code null}
 * @param name name as typed
 * @param phone primary phone (E.164)
 * @param email primary e-mail
 * @param city city
 * @param lifecycleStage lifecycle stage as segmentation last set it
 */
public record CustomerSummary(long id, String externalId, String name, String phone, String email, String city,
		String lifecycleStage) {
}
