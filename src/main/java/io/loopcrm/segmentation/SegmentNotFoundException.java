package io.loopcrm.segmentation;

import io.loopcrm.platform.NotFoundException;

/** There is no saved segment with this id (a 404). */
public class SegmentNotFoundException extends NotFoundException {

	private SegmentNotFoundException(long id) {
		super("segments.notFound", String.valueOf(id));
	}

	public static SegmentNotFoundException forId(long id) {
		return new SegmentNotFoundException(id);
	}

}
