package io.loopcrm.customer.internal;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.loopcrm.platform.ValidationException;

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
	ImportResult importFile(@RequestParam("file") MultipartFile file, @RequestParam(required = false) String encoding,
			Locale locale) throws IOException {
		if (file.isEmpty()) {
			throw ValidationException.of("file", "customer.import.noFile");
		}
		Charset charset = CustomerImportController.charset(encoding, file.getContentType());
		Path upload = Files.createTempFile("loopcrm-import-", ".csv");
		try {
			file.transferTo(upload);
			String name = (file.getOriginalFilename() != null)
					? Path.of(file.getOriginalFilename()).getFileName().toString() : "upload.csv";
			return this.importer.run(upload, name, charset, locale, null, CustomerImporter.Progress.NONE);
		}
		finally {
			Files.deleteIfExists(upload);
		}
	}

}
