package io.loopcrm.feedback;

import io.loopcrm.IntegrationTest;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Tickets and customers: the profile shows them (timeline and open tickets), a merge
 * moves them to the survivor, a deletion erases them; other modules open tickets through
 * {@link TicketService}.
 */
@IntegrationTest
class TicketCustomerTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserService users;

	@Autowired
	TicketService ticketService;

	TicketFixture f;

	String staff;

	@BeforeEach
	void setUp() {
		this.f = new TicketFixture(this.mvc, this.jdbc, this.users);
		this.staff = this.f.user("staff", Role.STAFF);
	}

	@Test
	void theProfileShowsTheTicketOnTheTimelineAndAmongTheOpenOnes() {
		String customer = this.f.customer("profile");
		long id = this.f.open(this.staff, customer, "INQUIRY", "DELIVERY", "NORMAL");
		assertThat(
				this.mvc.get().uri("/customers/{id}", this.f.customerId(customer)).with(user("staff").roles("STAFF")))
			.hasStatusOk()
			.bodyText()
			.contains("Open tickets: 1")
			.contains("Ticket #" + id + " · Inquiry · Delivery · Received")
			.contains("/tickets/new?customer=" + this.f.customerId(customer));
	}

	@Test
	void mergedCustomersKeepTheirTicketsUnderTheSurvivor() {
		String a = this.f.customer("A");
		String b = this.f.customer("B");
		long ticketA = this.f.open(this.staff, a, "INQUIRY", "OTHER", "NORMAL");
		long ticketB = this.f.open(this.staff, b, "COMPLAINT", "OTHER", "NORMAL");
		long idA = this.f.customerId(a);
		assertThat(this.mvc.post()
			.uri("/customers/merge")
			.with(user("manager").roles("MANAGER", "AGENT", "STAFF"))
			.with(csrf())
			.param("a", String.valueOf(idA))
			.param("b", String.valueOf(this.f.customerId(b)))
			.param("versionA", "0")
			.param("versionB", "0")).hasStatus3xxRedirection();
		assertThat(this.jdbc.sql("select count(*) from ticket where id in (?, ?) and customer_id = ?")
			.params(ticketA, ticketB, idA)
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(this.jdbc.sql("select count(*) from ticket_event where ticket_id = ? and action = 'customer-merged'")
			.param(ticketB)
			.query(Long.class)
			.single()).isEqualTo(1);
		// the merged-away external ID still finds the customer
		long later = this.f.open(this.staff, b, "PRAISE", "OTHER", "NORMAL");
		assertThat(this.jdbc.sql("select customer_id from ticket where id = ?").param(later).query(Long.class).single())
			.isEqualTo(idA);
	}

	@Test
	void deletingACustomerErasesTheirTickets() {
		String c = this.f.customer("C");
		long id = this.f.open(this.staff, c, "INQUIRY", "OTHER", "NORMAL");
		assertThat(this.mvc.post()
			.uri("/customers/{id}/delete", this.f.customerId(c))
			.with(user("manager").roles("MANAGER", "AGENT", "STAFF"))
			.with(csrf())).hasStatus3xxRedirection();
		assertThat(this.jdbc.sql("select count(*) from ticket where id = ?").param(id).query(Long.class).single())
			.isZero();
		assertThat(this.jdbc.sql("select count(*) from ticket_event where ticket_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	@WithMockUser(username = "survey-module", roles = "STAFF")
	void otherModulesOpenTicketsOnceperSourceReference() {
		long customer = this.f.customerId(this.f.customer("survey"));
		NewTicket detractor = new NewTicket(customer, TicketKind.COMPLAINT, TicketChannel.SURVEY, "service_quality",
				null, "NPS 3: slow service", "Answer to the November survey", "survey-response:" + this.f.prefix);
		TicketSummary first = this.ticketService.open(detractor);
		TicketSummary again = this.ticketService.open(detractor);
		assertThat(again.id()).isEqualTo(first.id());
		assertThat(first.status()).isEqualTo(TicketStatus.RECEIVED);
		assertThat(first.channel()).isEqualTo(TicketChannel.SURVEY);
		assertThat(first.category()).isEqualTo("SERVICE_QUALITY");
		assertThat(this.jdbc.sql("select priority, created_by from ticket where id = ?")
			.param(first.id())
			.query((rs, n) -> rs.getString(1) + "/" + rs.getString(2))
			.single()).isEqualTo("NORMAL/survey-module");
		assertThatThrownBy(() -> this.ticketService
			.open(new NewTicket(customer, null, TicketChannel.SURVEY, "nope", null, " ", "x", null)))
			.isInstanceOfSatisfying(ValidationException.class,
					(ex) -> assertThat(ex.problems()).extracting(ValidationException.FieldProblem::field)
						.containsExactlyInAnyOrder("kind", "category", "subject"));
	}

}
