package io.loopcrm.survey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.loopcrm.IntegrationTest;
import io.loopcrm.MutableClock;
import io.loopcrm.survey.internal.Invitation;
import io.loopcrm.survey.internal.Invitations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The public response page {@code /s/{token}} as a customer (and a bot) meets it: one
 * response per link, expired and unknown links, the invitation's language, answers kept
 * after a mistake, the rate limit, the honeypot and the render stamp, and two answers
 * sent at the same moment.
 */
@IntegrationTest
class SurveyPublicPageTests {

	private static final Pattern STAMP = Pattern.compile("name=\"stamp\" value=\"([^\"]+)\"");

	private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Invitations invitations;

	@Autowired
	MutableClock clock;

	SurveyFixture f;

	long surveyId;

	long customerId;

	/**
	 * Each test sends from its own address, so the rate limit of one never meets another.
	 */
	String address;

	@BeforeEach
	void setUp() {
		this.f = new SurveyFixture(this.mvc, this.jdbc);
		MvcTestResult created = this.f.post("/api/v1/surveys", """
				{"name":"%s public","languages":["en","zh-CN"],"questions":[
				  {"key":"nps","type":"NPS","required":true,
				   "texts":{"en":"Would you recommend Loop Coffee?","zh-CN":"您会向朋友推荐路普咖啡吗？"}},
				  {"key":"csat","type":"CSAT"},
				  {"key":"visit","type":"SINGLE","texts":{"en":"How did you visit?","zh-CN":"您如何光顾？"},
				   "options":[{"value":"store","texts":{"en":"In the store","zh-CN":"门店"}},
				              {"value":"web","texts":{"en":"Online","zh-CN":"网上"}}]},
				  {"key":"comment","type":"TEXT"}]}
				""".formatted(this.f.prefix), "manager");
		assertThat(created).hasStatus(201);
		this.surveyId = SurveyFixture.id(created);
		this.customerId = this.f.customer("-public");
		this.address = "10.77." + (ADDRESSES.get() / 250) + "." + (ADDRESSES.getAndIncrement() % 250 + 1);
	}

	Invitation invite(String ref, Locale locale) {
		return this.invitations.invite(this.surveyId, this.customerId,
				new Invitations.Occasion(ref, "LINK", locale, "Store 7", "Coffee"));
	}

	RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	MvcTestResult open(String token) {
		return this.mvc.get().uri("/s/{token}", token).header("Accept-Language", "en").exchange();
	}

	/** Opens the page and answers the stamp it carries. */
	String stampOf(String token) {
		MvcTestResult page = open(token);
		assertThat(page).hasStatusOk();
		Matcher matcher = STAMP.matcher(SurveyFixture.body(page));
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	MockMvcRequestBuilder submit(String token, String stamp, String... params) {
		MockMvcRequestBuilder request = this.mvc.post()
			.uri("/s/{token}", token)
			.header("Accept-Language", "en")
			.with(csrf())
			.with(from(this.address));
		if (stamp != null) {
			request = request.param("stamp", stamp);
		}
		for (int i = 0; i < params.length; i += 2) {
			request = request.param(params[i], params[i + 1]);
		}
		return request;
	}

	long responses(long invitationId) {
		return this.jdbc.sql("select count(*) from survey_response where invitation_id = ?")
			.param(invitationId)
			.query(Long.class)
			.single();
	}

	@Test
	void aCustomerAnswersOnceAndASecondAnswerIsRefusedPolitely() {
		Invitation invitation = invite("order:1", null);
		assertThat(invitation.token()).matches("[A-Za-z0-9_-]{43}");
		String stamp = stampOf(invitation.token());
		assertThat(this.jdbc.sql("select opened_at from survey_invitation where id = ?")
			.param(invitation.id())
			.query(java.sql.Timestamp.class)
			.optional()).isPresent();
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(submit(invitation.token(), stamp, "answers.nps", "9", "answers.csat", "4", "answers.visit", "web",
				"answers.comment", "Friendly barista"))
			.hasStatus3xxRedirection()
			.redirectedUrl()
			.isEqualTo("/s/" + invitation.token() + "/thanks?lang=" + invitation.language());
		assertThat(this.mvc.get().uri("/s/{token}/thanks", invitation.token())).hasStatusOk()
			.bodyText()
			.contains("Thank you!");
		assertThat(responses(invitation.id())).isOne();
		var recorded = this.jdbc
			.sql("select nps, csat, channel, store, category, customer_id from survey_response where invitation_id = ?")
			.param(invitation.id())
			.query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getLong(6)))
			.single();
		assertThat(recorded).containsExactly(9, 4, "WEB", "Store 7", "Coffee", this.customerId);

		// the link again: "already received", and a second answer changes nothing
		assertThat(open(invitation.token())).hasStatusOk().bodyText().contains("already received your answers");
		assertThat(submit(invitation.token(), stamp, "answers.nps", "0")).hasStatus(409)
			.bodyText()
			.contains("already received your answers");
		assertThat(responses(invitation.id())).isOne();
		assertThat(this.jdbc.sql("select nps from survey_response where invitation_id = ?")
			.param(invitation.id())
			.query(Integer.class)
			.single()).isEqualTo(9);
	}

	@Test
	void anExpiredLinkIsExplainedAndTakesNoAnswer() {
		Invitation invitation = invite("order:2", null);
		String stamp = stampOf(invitation.token());
		this.jdbc.sql("update survey_invitation set expires_at = ? where id = ?")
			.params(java.sql.Timestamp.from(this.clock.instant().minusSeconds(60)), invitation.id())
			.update();
		assertThat(open(invitation.token())).hasStatus(410)
			.bodyText()
			.contains("This survey has closed")
			.contains("This link was open until");
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(submit(invitation.token(), stamp, "answers.nps", "9")).hasStatus(410);
		assertThat(responses(invitation.id())).isZero();
	}

	@Test
	void anUnknownLinkIsA404ThatRevealsNothing() {
		Invitation invitation = invite("order:3", null);
		String unknown = invitation.token().substring(0, 42) + (invitation.token().endsWith("A") ? "B" : "A");
		for (String token : List.of(unknown, "short", "A".repeat(64))) {
			MvcTestResult page = this.mvc.get().uri("/s/{token}", token).exchange();
			assertThat(page).as(token).hasStatus(404);
			assertThat(page).bodyText().contains("This survey link is not valid").doesNotContain(this.f.prefix);
		}
		assertThat(submit(unknown, "1.x", "answers.nps", "9")).hasStatus(404);
	}

	@Test
	void thePageSpeaksTheInvitationsLanguageNotTheBrowsers() {
		Invitation invitation = invite("order:4", Locale.forLanguageTag("zh-Hans-CN"));
		assertThat(invitation.language()).isEqualTo("zh-CN");
		MvcTestResult page = open(invitation.token());
		assertThat(page).hasStatusOk()
			.bodyText()
			.contains("lang=\"zh-CN\"")
			.contains("您会向朋友推荐路普咖啡吗？")
			// a question without wording gets the standard one in the page's language
			.contains("您对本次体验的满意程度如何？")
			.contains("门店")
			.contains("提交回答")
			.doesNotContain("Send my answers");
		// the language cookie of the staff pages is left alone
		assertThat(page.getResponse().getCookie("LOOPCRM_LANG")).isNull();
		// an unknown preferred language gets the survey's default
		Invitation english = invite("order:5", Locale.FRENCH);
		assertThat(english.language()).isEqualTo("en");
		assertThat(open(english.token())).bodyText()
			.contains("Would you recommend Loop Coffee?")
			.contains("How satisfied are you with your experience?");
	}

	@Test
	void aMistakeIsShownBesideTheQuestionAndTheAnswersStay() {
		Invitation invitation = invite("order:6", Locale.forLanguageTag("zh-CN"));
		String stamp = stampOf(invitation.token());
		this.clock.advance(Duration.ofSeconds(5));
		MvcTestResult result = submit(invitation.token(), stamp, "answers.csat", "2", "answers.visit", "store",
				"answers.comment", "排队太久了")
			.exchange();
		assertThat(result).hasStatus(422);
		String html = SurveyFixture.body(result);
		assertThat(html).contains("id=\"error-summary\"")
			.contains("href=\"#q-nps\"")
			.contains("id=\"q-nps-error\"")
			.contains(">排队太久了</textarea>")
			.containsPattern("id=\"q-csat-2\"[^>]*checked|checked[^>]*id=\"q-csat-2\"")
			.containsPattern("id=\"q-visit-store\"[^>]*checked|checked[^>]*id=\"q-visit-store\"")
			.doesNotContainPattern("id=\"q-csat-3\"[^>]*checked");
		assertThat(responses(invitation.id())).isZero();
		// corrected, it goes through
		Matcher matcher = STAMP.matcher(html);
		assertThat(matcher.find()).isTrue();
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(submit(invitation.token(), matcher.group(1), "answers.nps", "3", "answers.csat", "2",
				"answers.comment", "排队太久了"))
			.hasStatus3xxRedirection();
		assertThat(responses(invitation.id())).isOne();
	}

	@Test
	void aFilledHoneypotIsDroppedBehindANormalThankYou() {
		Invitation invitation = invite("order:7", null);
		String stamp = stampOf(invitation.token());
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(submit(invitation.token(), stamp, "answers.nps", "10", "website", "http://spam.example"))
			.hasStatus3xxRedirection()
			.redirectedUrl()
			.isEqualTo("/s/" + invitation.token() + "/thanks?lang=" + invitation.language());
		assertThat(responses(invitation.id())).isZero();
		// the customer can still answer
		assertThat(open(invitation.token())).hasStatusOk().bodyText().contains("Send my answers");
	}

	@Test
	void aFormSentTooFastOrWithAForgedStampIsDropped() {
		Invitation invitation = invite("order:8", null);
		String stamp = stampOf(invitation.token());
		// one second after the page was shown: faster than a person
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(submit(invitation.token(), stamp, "answers.nps", "10")).hasStatus3xxRedirection();
		this.clock.advance(Duration.ofSeconds(5));
		String[] parts = stamp.split("\\.");
		String earlier = (Long.parseLong(parts[0]) - 60_000) + "." + parts[1];
		assertThat(submit(invitation.token(), earlier, "answers.nps", "10")).hasStatus3xxRedirection();
		assertThat(submit(invitation.token(), null, "answers.nps", "10")).hasStatus3xxRedirection();
		// a stamp of another invitation does not fit this one
		Invitation other = invite("order:9", null);
		String otherStamp = stampOf(other.token());
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(submit(invitation.token(), otherStamp, "answers.nps", "10")).hasStatus3xxRedirection();
		assertThat(responses(invitation.id())).isZero();
		// the genuine stamp, in time, counts
		assertThat(submit(invitation.token(), stamp, "answers.nps", "10")).hasStatus3xxRedirection();
		assertThat(responses(invitation.id())).isOne();
	}

	@Test
	void tooManyAnswersFromOneAddressGetA429UntilTheMinuteIsOver() {
		Instant start = this.clock.instant();
		for (int i = 0; i < 20; i++) {
			assertThat(submit("x".repeat(43), "1.x", "answers.nps", "1")).as("submit %d", i).hasStatus(404);
		}
		MvcTestResult refused = submit("x".repeat(43), "1.x", "answers.nps", "1").exchange();
		assertThat(refused).hasStatus(429).bodyText().contains("Please wait a minute and try again");
		assertThat(refused.getResponse().getHeader("Retry-After")).isEqualTo("60");
		// another address is not held up
		this.address = this.address + "1";
		assertThat(submit("x".repeat(43), "1.x", "answers.nps", "1")).hasStatus(404);
		this.clock.set(start.plus(Duration.ofSeconds(61)));
		this.address = this.address.substring(0, this.address.length() - 1);
		assertThat(submit("x".repeat(43), "1.x", "answers.nps", "1")).hasStatus(404);
	}

	@Test
	void twoAnswersAtTheSameMomentMakeOneResponse() throws Exception {
		Invitation invitation = invite("order:10", null);
		String stamp = stampOf(invitation.token());
		this.clock.advance(Duration.ofSeconds(5));
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (String nps : List.of("6", "8")) {
				Callable<Integer> answer = () -> {
					go.await();
					return submit(invitation.token(), stamp, "answers.nps", nps).exchange().getResponse().getStatus();
				};
				results.add(pool.submit(answer));
			}
			go.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> result : results) {
				statuses.add(result.get());
			}
			assertThat(statuses).containsExactlyInAnyOrder(302, 409);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(responses(invitation.id())).isOne();
	}

}
