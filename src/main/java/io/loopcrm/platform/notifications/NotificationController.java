package io.loopcrm.platform.notifications;

import java.util.List;

import io.loopcrm.platform.CurrentUser;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's notifications, newest first, with mark-as-read. */
@Controller
@RequestMapping("/notifications")
class NotificationController {

	private final JdbcNotifications notifications;

	NotificationController(JdbcNotifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping
	String list(@RequestParam(defaultValue = "0") int page, Model model) {
		List<JdbcNotifications.Item> items = this.notifications.page(CurrentUser.usernameOrSystem(), page);
		boolean hasNext = items.size() > JdbcNotifications.PAGE_SIZE;
		model.addAttribute("items", hasNext ? items.subList(0, JdbcNotifications.PAGE_SIZE) : items);
		model.addAttribute("page", Math.max(page, 0));
		model.addAttribute("hasNext", hasNext);
		return "notifications/list";
	}

	/** Marks it read and goes where it leads (or back to the list). */
	@PostMapping("/{id}/open")
	String open(@PathVariable long id) {
		String link = this.notifications.markRead(CurrentUser.usernameOrSystem(), id);
		return "redirect:"
				+ ((link != null && link.startsWith("/") && !link.startsWith("//")) ? link : "/notifications");
	}

	@PostMapping("/{id}/read")
	String markRead(@PathVariable long id) {
		this.notifications.markRead(CurrentUser.usernameOrSystem(), id);
		return "redirect:/notifications";
	}

	@PostMapping("/read-all")
	String markAllRead(RedirectAttributes redirect) {
		int count = this.notifications.markAllRead(CurrentUser.usernameOrSystem());
		redirect.addFlashAttribute("flash", "notifications.flash.allRead");
		redirect.addFlashAttribute("flashArg", String.valueOf(count));
		return "redirect:/notifications";
	}

}
