package io.loopcrm.customer.internal;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.loopcrm.platform.NotFoundException;
import io.loopcrm.platform.ValidationException;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MimeType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The import page: upload a CSV, watch its progress, read the summary and download the
 * rejected rows to fix and import again.
 */
@Controller
@RequestMapping("/customers/import")
class CustomerImportController {

	private final CustomerImportJobs jobs;

	CustomerImportController(CustomerImportJobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping
	String showForm(Model model) {
		model.addAttribute("columns", ImportColumn.values());
		return "customer/import";
	}

	@PostMapping
	String start(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String encoding,
			Model model, java.util.Locale locale) throws IOException {
		if (file == null || file.isEmpty()) {
			model.addAttribute("columns", ImportColumn.values());
			model.addAttribute("fileError", "customer.import.noFile");
			return "customer/import";
		}
		Charset charset;
		try {
			charset = charset(encoding, file.getContentType());
		}
		catch (ValidationException ex) {
			model.addAttribute("columns", ImportColumn.values());
			model.addAttribute("fileError", ex.problems().get(0).messageKey());
			return "customer/import";
		}
		Path upload = Files.createTempFile("loopcrm-import-", ".csv");
		file.transferTo(upload);
		String name = (file.getOriginalFilename() != null)
				? Path.of(file.getOriginalFilename()).getFileName().toString() : "upload.csv";
		CustomerImportJobs.Job job = this.jobs.start(upload, name, charset, locale);
		return "redirect:/customers/import/" + job.getId();
	}

	@GetMapping("/{id}")
	String show(@PathVariable String id, Model model) {
		model.addAttribute("job", job(id));
		return "customer/import-job";
	}

	@GetMapping("/{id}/progress")
	String progress(@PathVariable String id, Model model) {
		model.addAttribute("job", job(id));
		return "customer/import-job :: progress";
	}

	@GetMapping("/{id}/rejected.csv")
	ResponseEntity<Resource> rejected(@PathVariable String id) {
		CustomerImportJobs.Job job = job(id);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("rejected-" + job.getFileName(), java.nio.charset.StandardCharsets.UTF_8)
						.build()
						.toString())
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.body(new FileSystemResource(job.rejectedFile()));
	}

	private CustomerImportJobs.Job job(String id) {
		return this.jobs.find(id).orElseThrow(() -> new NotFoundException("customer.import.notFound"));
	}

	/**
	 * The declared encoding: the form's or API's {@code encoding}, else the charset of
	 * the part's content type, else UTF-8 ({@code null}).
	 */
	static Charset charset(String encoding, String contentType) {
		String name = encoding;
		if ((name == null || name.isBlank()) && contentType != null) {
			try {
				Charset declared = MimeType.valueOf(contentType).getCharset();
				return declared;
			}
			catch (RuntimeException ex) {
				return null;
			}
		}
		if (name == null || name.isBlank()) {
			return null;
		}
		try {
			return Charset.forName(name.strip());
		}
		catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
			throw ValidationException.of("encoding", "customer.import.unknownEncoding", name);
		}
	}

}
