package io.loopcrm.customer.internal;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links of the customer list that keep the whole filter in the URL: sorting by a column
 * (toggling the direction when it is already sorted by it) and paging.
 */
public record CustomerListLinks(CustomerFilter filter) {

	public String sort(String column) {
		String dir = (column.equals(this.filter.sort()) && "asc".equals(this.filter.dir())) ? "desc" : "asc";
		return build(column, dir, 0);
	}

	public String page(int page) {
		return build(this.filter.sort(), this.filter.dir(), page);
	}

	/** Where the list fetches its count. */
	public String count() {
		return "/customers/count?" + query();
	}

	/** The filter as query parameters, for export links. */
	public String query() {
		return build(this.filter.sort(), this.filter.dir(), 0).replaceFirst("^/customers\\??", "");
	}

	/** Arrow shown beside the sorted column. */
	public String arrow(String column) {
		if (!column.equals(this.filter.sort())) {
			return "";
		}
		return "asc".equals(this.filter.dir()) ? "▲" : "▼";
	}

	private String build(String sort, String dir, int page) {
		CustomerFilter f = this.filter;
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/customers");
		add(uri, "q", f.q());
		add(uri, "tag", f.tag());
		add(uri, "city", f.city());
		add(uri, "stage", f.stage());
		add(uri, "owner", f.owner());
		add(uri, "consent", f.consent());
		add(uri, "createdFrom", f.createdFrom());
		add(uri, "createdTo", f.createdTo());
		uri.queryParam("sort", sort).queryParam("dir", dir);
		if (page > 0) {
			uri.queryParam("page", page);
		}
		if (f.size() != 25) {
			uri.queryParam("size", f.size());
		}
		return uri.encode().build().toUriString();
	}

	private static void add(UriComponentsBuilder uri, String name, Object value) {
		if (value != null) {
			uri.queryParam(name, value);
		}
	}

}
