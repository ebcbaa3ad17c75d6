package io.loopcrm.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page after sign-in, with what the user's role can open. */
@Controller
class HomeController {

	@GetMapping("/")
	String show() {
		return "home";
	}

}
