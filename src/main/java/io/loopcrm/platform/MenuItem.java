package io.loopcrm.platform;

/**
 * An entry of the navigation bar and the home page. Modules declare theirs as beans; a
 * user sees an entry only when they hold its role.
 *
 * @param key message key of the label ({@code key + ".hint"} is the home page's line)
 * @param path where it leads
 * @param role the lowest role that may use it
 * @param section groups entries: {@code main} in the bar, {@code admin} in its menu
 * @param order position within the section
 */
public record MenuItem(String key, String path, Role role, String section, int order) {

	public static final String MAIN = "main";

	public static final String ADMIN = "admin";

}
