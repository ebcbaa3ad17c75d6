package io.loopcrm.customer.internal;

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
 * {@code POST /api/v1/customers/import}: multipart field {@code file}, optional
 * {@code encoding} (e.g. {@code GB18030}); answers when the import has finished with
 * {@code {"inserted","updated","unchanged","rejected","errors":[{"line","column","message"}],"warnings"}}.
 */
@RestController
@RequestMapping("/api/v1/customers/import")
class CustomerImportApiController {

	private final CustomerImporter importer;

	CustomerImportApiController(CustomerImporter importer) {
		this.importer = importer;
	}

	@PostMapping
	ImportResult importFile(@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(required = false) String encoding, Locale locale) throws IOException {
		Charset charset = CsvInput.charset(encoding, (file != null) ? file.getContentType() : null);
		Path upload = CsvInput.save(file);
		try {
			return this.importer.run(upload, CsvInput.fileName(file), charset, locale, null, ImportProgress.NONE);
		}
		finally {
			Files.deleteIfExists(upload);
		}
	}

}
