/**
 * Satisfaction and agreement answered as labels ("Very satisfied", "Concordo
 * totalmente") read as the points of their five-point scale, 1 to 5, in the
 * languages nps reads: a driver answered in words is a rating all the same.
 */
const SCALES: ReadonlyArray<readonly [value: number, labels: readonly string[]]> = [
  [
    1,
    [
      'very dissatisfied', 'strongly disagree', 'extremely dissatisfied', 'very poor', 'very unlikely',
      'tres insatisfait', 'tres insatisfaite', "pas du tout d'accord", 'tout a fait en desaccord', 'tres mauvais',
      'muy insatisfecho', 'muy insatisfecha', 'totalmente en desacuerdo', 'muy malo',
      'sehr unzufrieden', 'stimme uberhaupt nicht zu', 'sehr schlecht',
      'muito insatisfeito', 'muito insatisfeita', 'discordo totalmente', 'muito ruim', 'pessimo',
      'molto insoddisfatto', 'molto insoddisfatta', 'fortemente in disaccordo', 'per niente d accordo', 'pessimo',
      'zeer ontevreden', 'helemaal oneens', 'zeer slecht',
    ],
  ],
  [
    2,
    [
      'dissatisfied', 'somewhat dissatisfied', 'disagree', 'somewhat disagree', 'poor', 'unlikely',
      'insatisfait', 'insatisfaite', "pas d'accord", 'plutot pas d accord', 'mauvais',
      'insatisfecho', 'insatisfecha', 'en desacuerdo', 'malo',
      'unzufrieden', 'stimme nicht zu', 'eher nicht zu', 'schlecht',
      'insatisfeito', 'insatisfeita', 'discordo', 'ruim',
      'insoddisfatto', 'insoddisfatta', 'in disaccordo', 'scarso',
      'ontevreden', 'oneens', 'slecht',
    ],
  ],
  [
    3,
    [
      'neutral', 'neither satisfied nor dissatisfied', 'neither agree nor disagree', 'fair', 'average', 'ok',
      'neutre', 'ni satisfait ni insatisfait', "ni d'accord ni pas d'accord", 'moyen',
      'ni satisfecho ni insatisfecho', 'ni de acuerdo ni en desacuerdo', 'regular',
      'weder zufrieden noch unzufrieden', 'weder noch', 'teils teils', 'mittel',
      'neutro', 'nem satisfeito nem insatisfeito', 'nem concordo nem discordo', 'nao concordo nem discordo',
      'neutrale', 'ne soddisfatto ne insoddisfatto', "ne d'accordo ne in disaccordo", 'sufficiente',
      'neutraal', 'niet tevreden niet ontevreden', 'niet eens niet oneens', 'gemiddeld',
    ],
  ],
  [
    4,
    [
      'satisfied', 'somewhat satisfied', 'agree', 'somewhat agree', 'good', 'likely',
      'satisfait', 'satisfaite', "d'accord", "plutot d'accord", 'bon',
      'satisfecho', 'satisfecha', 'de acuerdo', 'bueno',
      'zufrieden', 'stimme zu', 'eher zu', 'gut',
      'satisfeito', 'satisfeita', 'concordo', 'bom',
      'soddisfatto', 'soddisfatta', "d'accordo", 'buono',
      'tevreden', 'eens', 'goed',
    ],
  ],
  [
    5,
    [
      'very satisfied', 'strongly agree', 'extremely satisfied', 'completely satisfied', 'excellent', 'very likely',
      'tres satisfait', 'tres satisfaite', "tout a fait d'accord", 'excellent',
      'muy satisfecho', 'muy satisfecha', 'totalmente de acuerdo', 'excelente',
      'sehr zufrieden', 'stimme voll und ganz zu', 'stimme voll zu', 'sehr gut',
      'muito satisfeito', 'muito satisfeita', 'concordo totalmente', 'otimo', 'excelente',
      'molto soddisfatto', 'molto soddisfatta', "fortemente d'accordo", 'completamente d accordo', 'ottimo', 'eccellente',
      'zeer tevreden', 'helemaal eens', 'uitstekend',
    ],
  ],
];

/** Lower case, no accents, one kind of apostrophe, single spaces. */
function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

const VALUES = new Map<string, number>(SCALES.flatMap(([value, labels]) => labels.map((label) => [folded(label), value] as const)));

/** The point a satisfaction or agreement label stands for on its 1-5 scale; undefined for any other text. */
export function labelPoint(text: string): number | undefined {
  return VALUES.get(folded(text)) ?? VALUES.get(folded(text).replace(/'/g, ' '));
}
