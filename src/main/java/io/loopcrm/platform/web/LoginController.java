package io.loopcrm.platform.web;

import io.loopcrm.platform.CurrentUser;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; the sign-in itself (POST /login) is Spring Security's. */
@Controller
class LoginController {

	@GetMapping("/login")
	String show() {
		return CurrentUser.username().isPresent() ? "redirect:/" : "login";
	}

}
