package io.loopcrm.commerce.internal;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.loopcrm.platform.imports.CsvInput;
import io.loopcrm.platform.imports.ImportProgress;
import io.loopcrm.platform.imports.ImportResult;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/v1/transactions/import}: multipart field {@code file} (one line per
 * order line), optional {@code encoding} and {@code createMissingCustomers=true}; answers
 * when the import has finished with the same shape as the customer import, counted in
 * order lines.
 */
@RestController
@RequestMapping("/api/v1/transactions/import")
class TransactionImportApiController {

	private final TransactionImporter importer;

	TransactionImportApiController(TransactionImporter importer) {
		this.importer = importer;
	}

	@PostMapping
	ImportResult importFile(@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(required = false) String encoding,
			@RequestParam(defaultValue = "false") boolean createMissingCustomers, Locale locale) throws IOException {
		Charset charset = CsvInput.charset(encoding, (file != null) ? file.getContentType() : null);
		Path upload = CsvInput.save(file);
		try {
			return this.importer.importFile(upload, CsvInput.fileName(file), charset, createMissingCustomers, locale,
					null, ImportProgress.NONE);
		}
		finally {
			Files.deleteIfExists(upload);
		}
	}

}
