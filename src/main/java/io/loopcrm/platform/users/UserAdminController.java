package io.loopcrm.platform.users;

import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.security.LoginLocks;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** User administration pages: list, create, change roles and status, reset password. */
@Controller
@RequestMapping("/admin/users")
class UserAdminController {

	private static final String FORM = "admin/user-form";

	private static final String EDIT = "admin/user-edit";

	private static final String PASSWORD = "admin/user-password";

	private final UserService users;

	private final LoginLocks loginLocks;

	UserAdminController(UserService users, LoginLocks loginLocks) {
		this.users = users;
		this.loginLocks = loginLocks;
	}

	@ModelAttribute("allRoles")
	Role[] allRoles() {
		return Role.values();
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("users", this.users.list());
		return "admin/users";
	}

	@GetMapping("/new")
	String showCreateForm(Model model) {
		model.addAttribute("form", new UserForms.CreateForm());
		return FORM;
	}

	@PostMapping
	String create(@ModelAttribute("form") UserForms.CreateForm form, BindingResult result,
			RedirectAttributes redirect) {
		try {
			UserView user = this.users.create(new UserService.NewUser(form.getUsername(), form.getPassword(),
					form.getDisplayName(), form.getRoles()));
			redirect.addFlashAttribute("flash", "user.flash.created");
			redirect.addFlashAttribute("flashArg", user.username());
			return "redirect:/admin/users";
		}
		catch (ValidationException ex) {
			reject(result, ex);
		}
		catch (ConflictException ex) {
			result.rejectValue("username", "user.username.taken", new Object[] { form.getUsername() }, null);
		}
		return FORM;
	}

	@GetMapping("/{id}")
	String showEditForm(@PathVariable long id, Model model) {
		UserView user = this.users.get(id);
		model.addAttribute("user", user);
		model.addAttribute("form", UserForms.EditForm.of(user));
		return EDIT;
	}

	@GetMapping("/{id}/password")
	String showPasswordForm(@PathVariable long id, Model model) {
		model.addAttribute("user", this.users.get(id));
		model.addAttribute("passwordForm", new UserForms.PasswordForm());
		return PASSWORD;
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @ModelAttribute("form") UserForms.EditForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		try {
			UserService.checkEmail(form.getEmail());
			UserView user = this.users.update(id, new UserService.UserChange(form.getVersion(), form.getDisplayName(),
					form.getRoles(), form.isEnabled()));
			this.users.changeEmail(id, form.getEmail());
			redirect.addFlashAttribute("flash", "user.flash.updated");
			redirect.addFlashAttribute("flashArg", user.username());
			return "redirect:/admin/users";
		}
		catch (ValidationException ex) {
			reject(result, ex);
		}
		catch (ConflictException ex) {
			// somebody saved first: keep the editor's values, take the new version, so
			// the
			// next save is a deliberate overwrite
			result.reject("error.conflict.changed", new Object[] { this.users.get(id).username() }, null);
			form.setVersion(this.users.get(id).version());
		}
		model.addAttribute("user", this.users.get(id));
		return EDIT;
	}

	@PostMapping("/{id}/password")
	String resetPassword(@PathVariable long id, @ModelAttribute("passwordForm") UserForms.PasswordForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		UserView user = this.users.get(id);
		try {
			this.users.resetPassword(id, form.getPassword());
			this.loginLocks.unlock(user.username());
			redirect.addFlashAttribute("flash", "user.flash.passwordReset");
			redirect.addFlashAttribute("flashArg", user.username());
			return "redirect:/admin/users/" + id;
		}
		catch (ValidationException ex) {
			reject(result, ex);
		}
		model.addAttribute("user", user);
		return PASSWORD;
	}

	private static void reject(BindingResult result, ValidationException ex) {
		ex.problems().forEach((p) -> result.rejectValue(p.field(), p.messageKey(), p.args(), null));
	}

}
