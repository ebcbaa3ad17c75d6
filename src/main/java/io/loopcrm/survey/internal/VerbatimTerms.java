package io.loopcrm.survey.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.huaban.analysis.jieba.JiebaSegmenter;
import com.huaban.analysis.jieba.SegToken;

/**
 * The frequent terms of free-text answers: Chinese runs are cut into words by jieba
 * (dictionary plus HMM for unknown words; its dictionary is simplified Chinese,
 * traditional text is cut mostly by the HMM), other text into words of letters and
 * digits, lower case. Single Chinese characters, one-letter words, numbers and common
 * stop words (both scripts) are left out. A term counts once per answer (how many answers
 * mention it).
 */
final class VerbatimTerms {

	private static final Pattern HAN = Pattern.compile("\\p{IsHan}+");

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");

	private static final Set<String> STOP = Set.of(
			// English
			"a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "for", "with", "by", "from", "is",
			"are", "was", "were", "be", "been", "being", "am", "it", "its", "it's", "this", "that", "these", "those",
			"i", "me", "my", "we", "our", "you", "your", "he", "she", "they", "them", "their", "his", "her", "so",
			"very", "too", "not", "no", "yes", "do", "does", "did", "have", "has", "had", "as", "just", "really",
			"will", "would", "can", "could", "should", "there", "here", "what", "when", "which", "who", "all", "also",
			"about", "than", "then", "out", "up", "more", "much", "some", "any", "again", "only", "get", "got", "im",
			"i'm", "dont", "don't",
			// Chinese, simplified and traditional
			"我们", "我們", "你们", "你們", "他们", "他們", "她们", "她們", "我的", "你的", "他的", "自己", "这个", "這個", "那个", "那個", "这样", "這樣",
			"一个", "一個", "一些", "一下", "一点", "一點", "非常", "比较", "比較", "但是", "可是", "因为", "因為", "所以", "如果", "就是", "还是", "還是",
			"而且", "然后", "然後", "已经", "已經", "可以", "觉得", "覺得", "感觉", "感覺", "真的", "什么", "什麼", "怎么", "怎麼", "时候", "時候", "还有",
			"還有", "没有", "沒有", "不是", "这次", "這次", "有点", "有點", "特别", "特別", "每次", "以后", "以後", "时间", "時間");

	private static JiebaSegmenter segmenter;

	private VerbatimTerms() {
	}

	/**
	 * A term and how many answers mention it.
	 *
	 * @param term the word
	 * @param count answers that contain it
	 */
	record Term(String term, long count) {
	}

	/** The {@code limit} most frequent terms over the texts, most frequent first. */
	static List<Term> top(List<String> texts, int limit) {
		Map<String, Long> counts = new HashMap<>();
		for (String text : texts) {
			for (String term : new LinkedHashSet<>(terms(text))) {
				counts.merge(term, 1L, Long::sum);
			}
		}
		List<Term> terms = new ArrayList<>();
		counts.forEach((term, count) -> terms.add(new Term(term, count)));
		terms.sort(Comparator.comparingLong(Term::count).reversed().thenComparing(Term::term));
		return terms.subList(0, Math.min(limit, terms.size()));
	}

	/** The terms of one text in order (with repeats). */
	static List<String> terms(String text) {
		List<String> terms = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return terms;
		}
		Matcher han = HAN.matcher(text);
		int last = 0;
		while (han.find()) {
			words(text.substring(last, han.start()), terms);
			for (String word : chinese(han.group())) {
				if (word.length() >= 2 && !STOP.contains(word)) {
					terms.add(word);
				}
			}
			last = han.end();
		}
		words(text.substring(last), terms);
		return terms;
	}

	private static void words(String text, List<String> terms) {
		Matcher word = WORD.matcher(text);
		while (word.find()) {
			String w = word.group().toLowerCase(Locale.ROOT).replace('’', '\'');
			if (w.length() >= 2 && !STOP.contains(w) && !w.chars().allMatch(Character::isDigit)) {
				terms.add(w);
			}
		}
	}

	private static synchronized List<String> chinese(String run) {
		if (segmenter == null) {
			segmenter = new JiebaSegmenter();
		}
		List<String> words = new ArrayList<>();
		for (SegToken token : segmenter.process(run, JiebaSegmenter.SegMode.SEARCH)) {
			words.add(token.word);
		}
		return words;
	}

}
