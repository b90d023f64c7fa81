/**
 * What a header says, as evidence beside what the column holds: the words of the
 * NPS question and of other roles, in the languages surveys are written in. A
 * header is split into words at spaces, punctuation, digits and camelCase, so that
 * "q7_nps", "NPS_SCORE_2024", "PuntuacionNPS" and "respostas_de_nps" all name the NPS.
 */

/** Lower case, single spaces, no BOM, tags or surrounding quotes: how headers are compared. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/<[^>]*>/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/** The words of a header: "PuntuacionNPS" is puntuacion, nps; "q7_nps" is q, 7, nps. */
export function wordsOf(header: string): string[] {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\d)|(\d)(\p{L})/gu, (_match, a: string | undefined, b: string | undefined, c: string | undefined, d: string | undefined) =>
      a !== undefined ? `${a} ${b ?? ''}` : `${c ?? ''} ${d ?? ''}`,
    )
    .toLowerCase()
    .split(/[^\p{L}\d]+/u)
    .filter((word) => word !== '');
}

/**
 * "Recommend" in the languages surveys are written in: recommend, recomendar/recomendaría (es, pt),
 * recommander (fr), empfehlen/weiterempfehlen (de), raccomandare/consiglieresti (it), aanbevelen/aanraden (nl), indicar (pt).
 */
export const RECOMMEND = [/recommend/, /recomend/, /recomi[eé]nd/, /recommand/, /empfehl/, /raccomand/, /consiglier/, /aanbev/, /aanra[ad]/, /\bindicaria/];

export const mentionsRecommend = (text: string): boolean => RECOMMEND.some((pattern) => pattern.test(normalizeHeader(text)));

/** Words beside "nps" that make a header the NPS group of an answer, not its score. */
const GROUP_WORDS = new Set(['group', 'groups', 'category', 'categoria', 'categorie', 'kategorie', 'segment', 'segmento', 'type', 'tipo', 'label', 'class', 'classe', 'classificacao', 'classificação', 'grupo', 'groupe']);

/** A header that names the NPS itself: the word nps (or a word starting with it), and no word of its group. */
export function namesNps(text: string): boolean {
  const words = wordsOf(text);
  return words.some((word) => word.startsWith('nps')) && !words.some((word) => GROUP_WORDS.has(word));
}

/** Stems of words that name a score, a rating or an answer without naming the NPS: weaker evidence. */
const SCORE_STEMS = [
  'score', 'rating', 'rate', 'note', 'nota', 'notas', 'puntua', 'puntaj', 'punteggi', 'valor', 'answer', 'respuesta', 'resposta', 'reponse', 'réponse',
  'antwort', 'bewertung', 'cijfer', 'avalia', 'evalua', 'évalua', 'result', 'outcome', 'grade', 'likelihood', 'likely', 'ltr',
];
/** Stems of a neighbouring measure (satisfaction): evidence only beside answers that look like the NPS question's. */
const RELATED_STEMS = ['satisf', 'tilfreds', 'zufried', 'tevreden', 'soddisf', 'tevredenheid', 'csat'];

/** Words of headers that name another number: an age, a count, money, time, a rank, an id. */
const OTHER_NUMBER_WORDS = new Set([
  'age', 'idade', 'edad', 'alter', 'âge', 'eta', 'count', 'number', 'num', 'no', 'qty', 'quantity', 'amount', 'price', 'revenue', 'mrr', 'arr',
  'seats', 'year', 'month', 'week', 'day', 'hour', 'hours', 'minute', 'minutes', 'duration', 'tenure', 'rank', 'id', 'index', 'row', 'zip',
  'postal', 'phone', 'yyyymm', 'mes', 'ano', 'año', 'jahr', 'monat', 'renda', 'income', 'salary', 'balance',
]);

/** How strongly a header says "this is the NPS answer": the question itself, a score word, nothing, or another number. */
export type ScoreEvidence = 'recommend' | 'nps' | 'score-word' | 'related' | 'none' | 'other-number' | 'nps-group';

export function scoreEvidence(header: string, text: string): ScoreEvidence {
  // Qualtrics' Q1_NPS_GROUP repeats the question's text over codes 1-3: the group of an answer, not the answer.
  if (wordsOf(header).some((word) => GROUP_WORDS.has(word)) && (namesNps(header.replace(/group|category|segment|categoria/gi, '')) || mentionsRecommend(text))) return 'nps-group';
  if (mentionsRecommend(text)) return 'recommend';
  if (namesNps(text)) return 'nps';
  const words = wordsOf(header);
  if (words.some((word) => SCORE_STEMS.some((stem) => word.startsWith(stem)))) return 'score-word';
  if (words.some((word) => RELATED_STEMS.some((stem) => word.startsWith(stem)))) return 'related';
  if (words.some((word) => OTHER_NUMBER_WORDS.has(word))) return 'other-number';
  return 'none';
}

/** Stems of words that name a date, in the languages nps reads. */
const DATE_STEMS = [
  'date', 'data', 'fecha', 'datum', 'dato', 'timestamp', 'time', 'created', 'submitted', 'answered', 'responded', 'completed', 'recorded',
  'day', 'dia', 'día', 'jour', 'tag', 'quando', 'hora', 'zeit', 'when', 'ended', 'end',
  // Year-months (202311) go by these names.
  'yyyymm', 'yyyy', 'yearmonth', 'anomes', 'period', 'periodo', 'month', 'mes', 'mois', 'monat', 'maand',
];
/** Words of a date that is not when the answer was given: when the account began, a birthday, a renewal. */
const OTHER_DATE_WORDS = new Set(['signup', 'sign', 'birth', 'dob', 'nascimento', 'nacimiento', 'geburt', 'naissance', 'registration', 'registered', 'contract', 'renewal', 'since', 'joined', 'start', 'started', 'first', 'inicio', 'início', 'due', 'expiry', 'expires', 'invited', 'sent', 'signed', 'account', 'customer', 'subscription', 'trial']);
/** Words of the moment of the answer itself. */
const ANSWER_DATE_WORDS = new Set(['submit', 'submitted', 'submission', 'answered', 'responded', 'response', 'completed', 'recorded', 'end', 'ended', 'enddate', 'recordeddate', 'respondido', 'respuesta', 'resposta', 'reponse', 'réponse', 'antwort', 'survey', 'timestamp']);

export type DateEvidenceWord = 'answer' | 'date' | 'other-date' | 'birth' | 'none';

/** Words of a birthday: never the day of an answer. */
const BIRTH_WORDS = new Set(['birth', 'birthday', 'born', 'dob', 'nascimento', 'nacimiento', 'geburt', 'geburtsdatum', 'naissance', 'nascita', 'geboorte']);

export function dateEvidence(header: string): DateEvidenceWord {
  const words = wordsOf(header);
  if (words.some((word) => BIRTH_WORDS.has(word))) return 'birth';
  if (words.some((word) => ANSWER_DATE_WORDS.has(word))) return 'answer';
  if (words.some((word) => OTHER_DATE_WORDS.has(word))) return 'other-date';
  if (words.some((word) => DATE_STEMS.some((stem) => word.startsWith(stem)))) return 'date';
  return 'none';
}

/** Headers of respondents: an email, or an id of a person or a response. */
export const RESPONDENT_NAMES = [
  'email', 'e-mail', 'email address', 'emailaddress', 'email_address', 'recipientemail', 'user_email', 'end_user.email',
  'customer id', 'customer_id', 'customerid', 'respondent id', 'respondent_id', 'respondentid', 'user id', 'user_id', 'userid',
  'contact id', 'contact_id', 'sample_id', 'sample id', 'responseid', 'response id', 'response_id', 'id', 'end_user_id', 'name',
];

/** Exact names of a comment column. */
export const COMMENT_NAMES = ['comment', 'comments', 'feedback', 'reason', 'why', 'text', 'verbatim', 'hs_content'];

/**
 * Words of an open question, in the languages nps reads, each at the start of a word:
 * "reason" in "reason_for_score" but not in "InformationReasonableTime". One expression,
 * compiled once: fifty of them, each with its class of letters, took 6 ms of every run.
 */
const COMMENT_STEMS = [
  'comment', 'feedback', 'reason', 'why', 'tell us', 'suggest', 'improve', 'explain',
  'verbatim', 'remark', 'opinion', 'describe', 'pourquoi', 'raison', 'commentaire', 'remarque',
  'avis', 'suggestion', 'am[ée]lior', 'pr[ée]cis', 'por qu', 'raz[oó]n', 'comentario', 'observaci',
  'opini[oó]n', 'sugerenc', 'mejor', 'porque', 'motivo', 'coment[aá]rio', 'observa[cç]', 'sugest',
  'melhor', 'warum', 'grund', 'kommentar', 'anmerkung', 'bemerkung', 'verbesser', 'vorschl',
  'perch[eé]', 'commento', 'osservazion', 'suggeriment', 'miglior', 'waarom', 'reden', 'opmerking',
  'toelichting', 'verbeter', 'suggestie',
];
export const COMMENT_WORDS = new RegExp(`(?:^|[^\\p{L}])(?:${COMMENT_STEMS.join('|')})|open-ended`, 'u');

export const namesComment = (text: string): boolean => COMMENT_NAMES.includes(normalizeHeader(text)) || COMMENT_WORDS.test(normalizeHeader(text));
