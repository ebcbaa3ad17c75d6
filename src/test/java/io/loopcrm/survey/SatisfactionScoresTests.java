package io.loopcrm.survey;

import io.loopcrm.survey.internal.Scores;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The scores and their intervals against values worked out by hand (with the formulas the
 * dashboard prints, z = 1.959964).
 */
class SatisfactionScoresTests {

	@Test
	void npsBoundariesAreSixSevenEightNine() {
		assertThat(Scores.npsGroup(0)).isEqualTo(Scores.NpsGroup.DETRACTOR);
		assertThat(Scores.npsGroup(6)).isEqualTo(Scores.NpsGroup.DETRACTOR);
		assertThat(Scores.npsGroup(7)).isEqualTo(Scores.NpsGroup.PASSIVE);
		assertThat(Scores.npsGroup(8)).isEqualTo(Scores.NpsGroup.PASSIVE);
		assertThat(Scores.npsGroup(9)).isEqualTo(Scores.NpsGroup.PROMOTER);
		assertThat(Scores.npsGroup(10)).isEqualTo(Scores.NpsGroup.PROMOTER);
	}

	@Test
	void npsAndItsInterval() {
		// 2 promoters, 2 passives, 2 detractors: NPS 0, variance (1/3 + 1/3 − 0) / 6
		assertThat(Scores.nps(2, 2, 2)).isEqualTo(0.0);
		double[] even = Scores.npsInterval(2, 2, 2);
		assertThat(even[0]).isCloseTo(-65.3321, within(1e-4));
		assertThat(even[1]).isCloseTo(65.3321, within(1e-4));
		// 3 promoters, 1 passive, 1 detractor: NPS 40 ± 70.12, clipped at 100
		assertThat(Scores.nps(3, 1, 1)).isEqualTo(40.0);
		double[] high = Scores.npsInterval(3, 1, 1);
		assertThat(high[0]).isCloseTo(-30.1218, within(1e-4));
		assertThat(high[1]).isEqualTo(100.0);
		// one promoter: no spread at all
		assertThat(Scores.nps(1, 0, 0)).isEqualTo(100.0);
		assertThat(Scores.npsInterval(1, 0, 0)).containsExactly(100.0, 100.0);
	}

	@Test
	void csatIsTheShareOfFoursAndFivesWithTheWilsonInterval() {
		assertThat(Scores.csat(3, 5)).isEqualTo(60.0);
		double[] three = Scores.csatInterval(3, 5);
		assertThat(three[0]).isCloseTo(23.0724, within(1e-4));
		assertThat(three[1]).isCloseTo(88.2379, within(1e-4));
		double[] one = Scores.csatInterval(1, 1);
		assertThat(one[0]).isCloseTo(20.6549, within(1e-4));
		assertThat(one[1]).isEqualTo(100.0);
		double[] eight = Scores.csatInterval(8, 10);
		assertThat(eight[0]).isCloseTo(49.0162, within(1e-4));
		assertThat(eight[1]).isCloseTo(94.3318, within(1e-4));
	}

	@Test
	void cesIsTheMeanWithANormalInterval() {
		// answers 7, 5, 3: mean 5, s = 2
		assertThat(Scores.ces(15, 3)).isEqualTo(5.0);
		double[] ci = Scores.cesInterval(15, 83, 3);
		assertThat(ci[0]).isCloseTo(2.7368, within(1e-4));
		assertThat(ci[1]).isCloseTo(7.2632, within(1e-4));
		assertThat(Scores.cesInterval(4, 16, 1)).isNull();
	}

	@Test
	void emptyGroupsHaveNoScore() {
		assertThat(Scores.nps(0, 0, 0)).isNull();
		assertThat(Scores.npsInterval(0, 0, 0)).isNull();
		assertThat(Scores.csat(0, 0)).isNull();
		assertThat(Scores.csatInterval(0, 0)).isNull();
		assertThat(Scores.ces(0, 0)).isNull();
	}

	@Test
	void significanceSeparatesRealChangesFromNoise() {
		// NPS 50 against −16.7 with 60 answers each: z = 4.38
		assertThat(Scores.npsDiffers(40, 10, 10, 20, 10, 30)).isTrue();
		// NPS 25 against 15 with 20 answers each: z = 0.38
		assertThat(Scores.npsDiffers(10, 5, 5, 9, 5, 6)).isFalse();
		// 80 % against 65 % of 100: z = 2.38; against 70 %: z = 1.63
		assertThat(Scores.proportionsDiffer(80, 100, 65, 100)).isTrue();
		assertThat(Scores.proportionsDiffer(80, 100, 70, 100)).isFalse();
		// CES 5,6,7,6,5,6 against 3,4,3,4,3,4: z = 6.14; 5,6,7 against 4,6,7: z = 0.32
		assertThat(Scores.meansDiffer(35, 207, 6, 21, 75, 6)).isTrue();
		assertThat(Scores.meansDiffer(18, 110, 3, 17, 101, 3)).isFalse();
		// fewer than two answers on a side: never significant
		assertThat(Scores.npsDiffers(1, 0, 0, 0, 0, 1)).isFalse();
	}

}
