package io.loopcrm.commerce.internal;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Locale;

import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.imports.CsvInput;
import io.loopcrm.platform.imports.ImportJobs;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The transaction import page: upload a CSV of order lines, watch its progress, read the
 * summary and download the rejected lines.
 */
@Controller
@RequestMapping("/transactions/import")
class TransactionImportController {

	static final String KIND = "transactions";

	private final ImportJobs jobs;

	private final TransactionImporter importer;

	TransactionImportController(ImportJobs jobs, TransactionImporter importer) {
		this.jobs = jobs;
		this.importer = importer;
	}

	@GetMapping
	String showForm(Model model) {
		model.addAttribute("columns", OrderColumn.values());
		return "commerce/import";
	}

	@PostMapping
	String start(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String encoding,
			@RequestParam(defaultValue = "false") boolean createMissingCustomers, Model model, Locale locale)
			throws IOException {
		Charset charset;
		Path upload;
		try {
			charset = CsvInput.charset(encoding, (file != null) ? file.getContentType() : null);
			upload = CsvInput.save(file);
		}
		catch (ValidationException ex) {
			model.addAttribute("columns", OrderColumn.values());
			model.addAttribute("fileError", ex.problems().get(0).messageKey());
			return "commerce/import";
		}
		String name = CsvInput.fileName(file);
		ImportJobs.Job job = this.jobs.start(KIND, upload, name, (path, rejected, progress) -> this.importer
			.importFile(path, name, charset, createMissingCustomers, locale, rejected, progress));
		return "redirect:/transactions/import/" + job.getId();
	}

	@GetMapping("/{id}")
	String show(@PathVariable String id, Model model) {
		model.addAttribute("job", job(id));
		return "commerce/import-job";
	}

	@GetMapping("/{id}/progress")
	String progress(@PathVariable String id, Model model) {
		model.addAttribute("job", job(id));
		return "commerce/import-job :: progress";
	}

	@GetMapping("/{id}/rejected.csv")
	ResponseEntity<Resource> rejected(@PathVariable String id) {
		return this.jobs.rejectedDownload(KIND, id);
	}

	private ImportJobs.Job job(String id) {
		return this.jobs.get(KIND, id);
	}

}
