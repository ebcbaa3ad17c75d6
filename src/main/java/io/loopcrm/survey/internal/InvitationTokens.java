package io.loopcrm.survey.internal;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Invitation tokens: 32 bytes from {@link SecureRandom}, base64url without padding (43
 * characters, 256 bits — not guessable, not enumerable).
 */
final class InvitationTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private InvitationTokens() {
	}

	static String next() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return ENCODER.encodeToString(bytes);
	}

	/** Whether the text has the shape of a token (checked before any look-up). */
	static boolean wellFormed(String token) {
		return token != null && token.length() == 43
				&& token.chars()
					.allMatch((c) -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
							|| c == '-' || c == '_');
	}

}
