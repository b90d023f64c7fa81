/**
 * The words that keep a promoter's comment from being quoted as a testimonial, per
 * language: a request or wish, a caveat, a condition, a complaint, faint praise,
 * praise of someone else, and the generic words a comment needs more than to stand
 * alone. Phrases are matched on whole words of the lower-cased comment; a trailing `*`
 * stands for any ending ("wünsch*": wünsche, wünschen…).
 */
export interface QuotableCues {
  request: string[];
  caveat: string[];
  conditional: string[];
  complaint: string[];
  faint: string[];
  thirdParty: string[];
  /** Words of praise that say nothing specific: a comment made only of these, `things` and stop words is too vague to quote. */
  generic: string[];
  /** Words as unspecific that are no praise: "product", "service", "everything", "keep up". */
  things: string[];
  /** What a comment that only says how the product is used starts with: with no word of praise, it is no testimonial. */
  usage: string[];
  /** The customer's health (a surgery, a diagnosis): personal data a company must not publish. */
  health: string[];
  /** Words that praise: a candidate must have one (in English, AFINN's positive words count too), or say so by `implicit`. */
  praise: string[];
  /**
   * Praise with no word of praise: a fit ("exactly what we need"), a trouble gone ("no
   * longer"), a recommendation made, a comparison won ("half the price"), a speed ("the
   * same day"). `troubles` are the nouns whose absence is praise ("no fees", "sans frais").
   */
  implicit: string[];
  troubles: string[];
}

const EN: QuotableCues = {
  request: [
    'please', 'pls', 'plz', 'add', 'adding', 'wish', 'would love', "i'd love", 'would like', "i'd like", "i'd just like", 'would be',
    'would be great', 'would be perfect', 'would be awesome', 'would help', "it'd be", 'it would', 'could you', 'can you', 'can we', 'could be',
    'could use', 'should', 'need to', 'needs', 'want', 'wanted', 'hope', 'hoping', 'looking forward', 'next step', 'missing', 'only thing',
    'bring back', 'offer', 'option to', 'an option', 'more options', 'more size', 'more sizes', 'feature request', 'roadmap', 'suggestion',
  ],
  caveat: ['but', 'though', 'not so much', 'not much', 'otherwise', 'mostly', 'although', 'however', 'except', 'still', 'yet', 'less so', 'a bit', 'a little', 'bit pricey', 'learning curve', 'shame', 'pity', 'apart from', 'other than', 'another story', 'on the small side', 'not so great', 'not as good'],
  conditional: ['as long as', 'if', 'so far', 'for now', 'too early', 'provided', 'unless', 'ask me again', 'we will see', "we'll see", 'time will tell', 'assuming', 'provided that', 'once you', 'once it', 'once we', 'as soon as', 'only if', 'depending on', 'let\'s see', 'remains to be seen', 'we shall see'],
  complaint: [
    'took almost', 'took over', 'took forever', 'days to reply', 'days to answer', 'days to respond', 'days to get back', 'weeks to', 'way too', 'too early', 'too late', 'too long', 'too slow', 'too expensive',
    'on hold', 'waiting', 'wait', 'every single time', 'logs me out', 'went up', 'price increase', 'without any', 'wrong', 'crash*', 'slow', 'clunky',
    'expensive', 'pricey', 'overpriced', 'bug*', 'broken', 'breaks', 'fails', 'failed', 'error*', 'glitch*', 'nonexistent', 'a joke', 'hate',
    'annoying', 'frustrating', 'confusing', 'disappointed', 'downtime', 'outage*', 'nightmare', 'disaster', 'always busy', 'mess', 'took a while', 'takes a while', 'took ages', 'takes ages', 'took my whole', 'took the whole', 'took our whole', 'still waiting', 'never arrived', 'not reachable', 'unreachable', 'out of order', 'not working', 'stopped working', 'was closed for', 'were closed for', 'was shut', 'were shut'],
  faint: [
    'does the job', 'decent', 'fine', 'ok', 'okay', 'no complaints', 'not bad', 'alright', 'all right', 'average', 'adequate', 'good enough',
    'it works', 'works ok', 'nothing special', 'solid', 'acceptable', 'my boss', 'told me to',
    "can't complain", 'cannot complain', 'nothing to write home about', 'not the worst', 'meets expectations'],
  thirdParty: ['courier', 'delivery driver', 'driver', 'postman', 'next door', 'the city', 'the town', 'the weather', 'the area', 'my colleague', 'colleague set', 'the restaurant', 'consultant', 'consultants', 'partner', 'freelancer', 'contractor', 'agency we', 'we hired', 'taxi*', 'seller', 'sellers', 'the beach', 'beaches', 'mountains', 'the views around', 'accountant', 'delivery rider', 'delivery guy', 'delivery man'],
  generic: ['good', 'great', 'love', 'loved', 'like', 'nice', 'awesome', 'amazing', 'excellent', 'perfect', 'best', 'super', 'fantastic', 'wonderful', 'brilliant', 'recommend', 'recommended', 'highly', 'thanks', 'thank', 'top', 'happy', 'satisfied', 'cool', 'wow', 'lovely', 'outstanding', 'exceptional', 'happier', 'pleased', 'glad', 'impressed', 'superb', 'incredible', 'fabulous', 'terrific', 'stellar', 'phenomenal', 'pleasure', 'a pleasure', 'always a pleasure', 'couldn\'t be happier', 'could not be happier', 'from start to finish', 'start to finish', 'five stars', '5 stars', '10/10', 'keep it up', 'keep up the good work', 'well done', 'thumbs up', 'love it', 'the best'],
  things: ['keep', 'up', 'work', 'job', 'product', 'service', 'app', 'team', 'company', 'tool', 'everything', 'all', 'really', 'very', 'much', 'lot', 'stars', 'star', 'guys', 'experience', 'overall', 'n/a', 'na', 'none', 'nothing', 'yes', 'thx', 'ty', 'always', 'ever', 'again', 'so', 'everything was', 'all good'],
  usage: ['we use', 'we used', 'i use it for', 'we use it for', 'used for', 'using it for'],
  health: ['root canal', 'surgery', 'operation', 'wisdom tooth', 'diagnos*', 'cancer', 'chemo*', 'pregnan*', 'depression', 'therapy', 'my illness', 'my condition', 'knee replacement', 'hip replacement', 'broken leg', 'broken arm', 'my injury', 'heart attack', 'had a stroke', 'my stroke', 'miscarriage', 'ivf', 'insulin', 'thyroid', 'antidepressant*', 'my prescription for'],
  praise: ['adorable', 'easy*', 'simple*', 'intuitive', 'fast*', 'quick*', 'instant*', 'seamless*', 'painless', 'effortless*', 'smooth*', 'reliabl*', 'friendly', 'helpful', 'kind', 'patient', 'clear*', 'transparent*', 'accurate*', 'efficient*', 'professional*', 'responsive*', 'flexible*', 'powerful', 'comfort*', 'comfy', 'clean*', 'spotless*', 'quiet*', 'calm*', 'reassur*', 'gentle*', 'impress*', 'lifesaver', 'game changer', 'worth*', 'saves', 'saved', 'saving*', 'love*', 'great*', 'excellent*', 'amazing*', 'awesome*', 'fantastic*', 'brilliant*', 'perfect*', 'best', 'better', 'superb*', 'wonderful*', 'outstanding*', 'exceptional*', 'beautiful*', 'gorgeous*', 'lovely', 'stunning*', 'delight*', 'happy', 'happier', 'pleased', 'glad', 'grateful', 'thank*', 'recommend*', 'unbeatable', 'unreal', 'incredib*', 'remarkabl*', 'top-notch', 'spot on', 'first-class', 'solid gold', 'a joy', 'joy', 'enjoy*', 'relax*', 'welcom*', 'caring', 'attentive', 'thorough*', 'knowledgeable', 'expert*', 'fair*', 'cheap*', 'affordabl*', 'bargain*', 'value*', 'on time', 'ahead of', 'above and beyond', 'just works', 'works perfectly', 'so much easier'],
  implicit: ['exactly what', 'everything we need', 'all we need', 'just what', 'anymore', 'no longer', 'recommended it', 'recommended them', 'switched', 'half the', 'half what', 'twice as', 'times faster', 'from zero', 'went from', 'same day', 'same afternoon', 'next morning', 'next day', 'on time', 'every day', 'in minutes', 'within minutes', 'in seconds', 'first time ever', 'than ever', 'landed', 'passed', 'replaced', 'upgraded', 'justify', 'justifies', 'pays for itself', 'alone pay', 'alone pays', 'pay for the subscription', 'pays for the subscription', 'could not be happier', 'orders', 'here now'],
  troubles: ['fees', 'fee', 'surprises', 'surprise', 'downtime', 'waiting', 'wait', 'queue', 'queues', 'hassle', 'issues', 'problem', 'problems', 'throttling', 'stress', 'paperwork', 'delays', 'delay', 'training', 'learning curve', 'outage', 'outages', 'pain', 'mistake', 'mistakes', 'lost'],
};

const DE: QuotableCues = {
  request: [
    'bitte', 'wünsch*', 'wäre', 'wären', 'würde', 'würden', 'hätte gern', 'hätte gerne', 'gerne noch', 'gern noch', 'fehlt', 'fehlen', 'fehlte',
    'könnte', 'könnten', 'sollte', 'sollten', 'einführen', 'anbieten', 'hoffe', 'hoffentlich', 'freue mich auf', 'vermisse', 'nächster schritt', 'wichtig für uns', 'fehlt nur', 'einzig fehlt', 'wär', 'wär\'s', 'wärs', 'freuen uns auf', 'freuen uns schon auf', 'freue mich schon auf', 'wieder einführen', 'zurückbringen', 'zurück bringen', 'warte auf', 'warten noch auf'],
  caveat: ['aber', 'jedoch', 'sonst', 'ansonsten', 'eher nicht', 'allerdings', 'leider', 'nur', 'trotzdem', 'dennoch', 'etwas teuer', 'bisschen', 'ein wenig', 'abgesehen von', 'außer', 'eher weniger', 'weniger gut', 'nicht so', 'eher'],
  conditional: ['solange', 'wenn', 'falls', 'sofern', 'bisher', 'bis jetzt', 'noch zu früh', 'mal sehen', 'vorerst', 'vorausgesetzt', 'sobald', 'unter der bedingung', 'erst wenn', 'kommt darauf an'],
  complaint: [
    'teuer', 'langsam', 'fehler', 'stürzt', 'abstürz*', 'absturz', 'problem', 'probleme', 'kompliziert', 'umständlich', 'schlecht', 'enttäusch*', 'mangelhaft',
    'chaotisch', 'katastrophe', 'ewig', 'warteschleife', 'wartet man', 'gedauert', 'braucht mehrere', 'mehrere tage', 'wochen', 'nicht ok', 'ohne vorankündigung',
    'preiserhöhung', 'gar nichts', 'nervig', 'ärgerlich', 'unzuverlässig', 'legt auf', 'auflegt', 'albtraum', 'alptraum', 'desaster', 'überfordert', 'chaos', 'nicht erreichbar', 'kaum erreichbar', 'war geschlossen', 'waren geschlossen', 'hatte geschlossen', 'hatten geschlossen', 'ewigkeit', 'dauert ewig', 'immer noch nicht', 'kam nie', 'erst um', 'kaputt', 'außer betrieb'],
  faint: ['ganz ok', 'ok', 'okay', 'passt', 'erfüllt seinen zweck', 'geht so', 'ganz gut', 'in ordnung', 'nicht schlecht', 'solide', 'durchschnittlich', 'akzeptabel', 'nichts besonderes', 'kann nicht klagen', 'nicht zu beanstanden', 'erfüllt die erwartungen'],
  thirdParty: ['paketbote', 'postbote', 'lieferant', 'fahrer', 'kurier', 'die stadt', 'das wetter', 'restaurant nebenan', 'mein kollege', 'meine kollegin', 'berater', 'beraterin', 'steuerberater', 'partner', 'dienstleister', 'freelancer', 'taxi*', 'verkäufer', 'händler', 'strand', 'strände', 'berge', 'die gegend', 'bote', 'botin', 'lieferfahrer', 'lieferfahrerin', 'zusteller', 'zustellerin', 'hermes', 'dhl', 'taxifahrer'],
  generic: ['gut', 'super', 'toll', 'klasse', 'prima', 'perfekt', 'top', 'danke', 'empfehlenswert', 'empfehle', 'empfehlen', 'zufrieden', 'spitze', 'genial', 'mega', 'hervorragend', 'ausgezeichnet', 'fein', 'vielmals', 'bestens', 'sehr gut', 'alles top', 'weiter so', 'macht weiter so', 'fünf sterne', '5 sterne', 'daumen hoch', 'wunderbar', 'großartig', 'exzellent', 'sensationell'],
  things: ['alles', 'weiter', 'so', 'sehr', 'produkt', 'service', 'app', 'team', 'firma', 'k.a', 'ka', 'nichts', 'immer', 'wieder', 'gerne', 'gern', 'alles bestens'],
  usage: ['nutzen wir', 'wir nutzen', 'verwenden wir', 'wir verwenden', 'nutze ich', 'ich nutze', 'benutzen wir'],
  health: ['op', 'operation', 'weisheitszahn*', 'wurzelbehandlung', 'diagnose', 'krebs', 'chemo*', 'schwanger*', 'depression', 'therapie', 'meiner krankheit', 'knie-op', 'hüft-op', 'kreuzband', 'bandscheibe', 'herzinfarkt', 'schlaganfall', 'fehlgeburt', 'meine verletzung', 'künstliches kniegelenk', 'insulin', 'schilddrüse*', 'antidepressiv*'],
  praise: ['einfach*', 'schnell*', 'unkompliziert*', 'reibungslos*', 'problemlos*', 'freundlich*', 'hilfsbereit*', 'zuverlässig*', 'sauber*', 'klar*', 'übersichtlich*', 'kompetent*', 'professionell*', 'geduldig*', 'herzlich*', 'ruhig*', 'bequem*', 'gemütlich*', 'spart*', 'gespart*', 'lohnt*', 'gelohnt*', 'begeistert*', 'empfehl*', 'super*', 'toll*', 'klasse*', 'prima*', 'perfekt*', 'ausgezeichnet*', 'hervorragend*', 'großartig*', 'genial*', 'wunderschön*', 'schön*', 'traumhaft*', 'spitze*', 'top', 'beste*', 'besser*', 'danke*', 'dankbar*', 'zufrieden*', 'gut*', 'gute*', 'guten*', 'glücklich*', 'erleichtert*', 'entlastet*', 'praktisch*', 'fair*', 'günstig*', 'preiswert*', 'pünktlich*', 'sofort*', 'blitz*', 'sicher*', 'angenehm*', 'lieb*', 'willkommen*', 'gold wert'],
  implicit: ['genau das', 'genau was', 'alles was wir', 'nicht mehr', 'endlich', 'empfohlen', 'gewechselt', 'halb so', 'halber preis', 'doppelt so', 'statt', 'am selben tag', 'am nächsten', 'am gleichen tag', 'jeden tag', 'in minuten', 'so muss', 'automatisier*', 'erklärt', 'nimmt sich', 'zeit nimmt'],
  troubles: ['wartezeit', 'gebühren', 'gebühr', 'probleme', 'problem', 'stress', 'aufwand', 'papierkram', 'ausfall', 'ausfälle', 'minute ohne', 'überraschungen', 'schmerzen'],
};

const FR: QuotableCues = {
  request: [
    'svp', "s'il vous plaît", "s'il vous plait", 'stp', "j'aimerais", 'aimerais', 'aimerait', 'il faudrait', 'faudrait', 'manque', 'manquent', 'serait', 'seraient',
    'pourrait', 'pourriez', 'devrait', 'vivement', 'souhait*', 'espère', "j'espère", 'ajouter', 'ajoutez', 'prochaine étape', 'bienvenu*', 'il manque juste', 'manque juste', 'seul manque', 'attends', 'attendons', 'on attend', 'attend avec impatience', 'vivement que', 'remettez', 'ramenez'],
  caveat: ['mais', 'cependant', 'par contre', 'en revanche', 'pourtant', 'toutefois', 'seul bémol', 'bémol', 'dommage', 'hormis', 'sauf', 'un peu', 'juste le', 'juste la', 'sinon', 'pas tant', 'moins bien', 'pas terrible'],
  conditional: ['tant que', 'si', "s'il", 'pour le moment', "pour l'instant", "jusqu'ici", 'à voir', 'on verra', 'trop tôt', 'à condition', 'une fois que', "une fois qu'*", 'pourvu que', 'dès que', 'dépend', 'une fois installé', 'une fois installée', 'une fois en place'],
  complaint: [
    'cher', 'chère', 'chers', 'lent', 'lente', 'lenteur', 'bug*', 'plante', 'panne', 'erreur*', 'erroné*', 'problème*', 'compliqué*', 'déçu*', 'nul', 'nulle',
    'mauvais', 'mauvaise', 'difficile', 'catastroph*', 'injoignable', 'attente', 'trop longue', 'trop long', 'trop cher', 'déconnecte',
    'met 3 jours', 'met des jours', 'jours à répondre', 'zéro', 'presque 15 jours', 'augment*', 'cauchemar', 'désastre', 'galère', 'met un bon moment', 'met du temps', 'était fermé', 'était fermée', 'étaient fermés', 'étaient fermées', 'fermé pour', 'fermée pour', 'jamais reçu', 'jamais arrivé', 'cassé', 'cassée', 'hors service'],
  faint: ['correct', 'ça fait le job', 'fait le job', 'pas mal', 'ça va', 'moyen', 'passable', 'sans plus', 'convenable', 'acceptable', 'rien à dire', 'ras', "rien d'extraordinaire", 'rien de spécial', 'pas à se plaindre'],
  thirdParty: ['livreur', 'facteur', 'coursier', 'la ville', 'le quartier', 'la météo', 'restaurant à côté', 'mon collègue', 'ma collègue', 'consultant', 'consultante', 'partenaire', 'prestataire', 'comptable', 'taxi*', 'vendeur', 'vendeuse', 'plage', 'plages', 'montagnes', 'la région', 'chauffeur', 'livreuse', 'estafette'],
  generic: ['bien', 'super', 'top', 'parfait', 'parfaite', 'excellent', 'excellente', 'génial', 'géniale', 'merci', 'recommande', 'bon', 'bonne', 'bravo', 'satisfait', 'satisfaite', 'content', 'contente', 'nickel', 'continuez comme ça', 'continuez ainsi', 'au top', 'cinq étoiles', '5 étoiles', 'top du top', 'chapeau', 'merci beaucoup', 'merci pour tout', 'magnifique', 'formidable', 'impeccable', 'rien à redire', 'que du bonheur', 'du début à la fin'],
  things: ['très', 'je', 'tout', 'produit', 'service', 'appli', 'application', 'équipe', 'rien', 'dire', 'continuez', 'comme', 'ça', 'ca', 'tout est', 'toujours', 'vraiment', 'vous', 'nous'],
  usage: ["on l'utilise", 'nous utilisons', "je l'utilise", 'on utilise', 'utilisé pour', 'utilisons'],
  health: ['opération', 'chirurgi*', 'dent de sagesse', 'dents de sagesse', 'dévitalisation', 'diagnostic', 'cancer', 'chimio*', 'grossesse', 'enceinte', 'dépression', 'thérapie', 'prothèse de genou', 'prothèse de hanche', 'jambe cassée', 'bras cassé', 'infarctus', 'avc', 'fausse couche', 'ma blessure', 'insuline', 'thyroïde', 'antidépresseur*'],
  praise: ['immédiat*', 'adorable*', 'simple*', 'facile*', 'rapide*', 'rapidement', 'efficace*', 'réactif*', 'réactive*', 'clair*', 'fiable*', 'agréable*', 'pratique*', 'gentil*', 'gentille*', 'aimable*', 'souriant*', 'patient*', 'professionnel*', 'compétent*', 'accueil*', 'chaleureux*', 'calme*', 'propre*', 'impeccable*', 'confort*', 'rassur*', 'gagne*', 'gagné*', 'économi*', 'super*', 'génial*', 'géniale*', 'excellent*', 'excellente*', 'parfait*', 'parfaite*', 'parfaitement', 'top', 'meilleur*', 'mieux', 'bravo', 'merci*', 'ravi*', 'ravie*', 'content*', 'contente*', 'satisfait*', 'satisfaite*', 'adore*', 'adorons*', 'recommand*', 'formidable*', 'incroyable*', 'magnifique*', 'superbe*', 'sublime*', 'bluff*', 'plaisir*', 'bien*', 'bon', 'bonne', 'sans souci', 'sans coupure', 'au top', 'nickel'],
  implicit: ['exactement ce', 'tout ce dont', 'plus besoin', 'ne plus', 'recommandé', 'changé', 'deux fois moins', 'moitié', 'le lendemain', 'le jour même', 'même jour', 'tous les jours', 'en quelques minutes', 'décroché', 'réussi', 'remplacé', 'changé notre', 'sauvé', 'explique'],
  troubles: ['frais', 'attente', 'souci', 'soucis', 'surprise', 'surprises', 'coupure', 'stress', 'problème', 'problèmes', 'paperasse', 'retard', 'panne'],
};

const ES: QuotableCues = {
  request: [
    'por favor', 'porfa', 'ojalá', 'me gustaría', 'gustaría', 'sería', 'serían', 'falta', 'faltan', 'debería', 'deberían', 'podría', 'podrían', 'espero',
    'añadir', 'agreguen', 'añadan', 'quisiera', 'necesita', 'necesitan', 'próximo paso', 'solo faltó', 'solo le falta', 'solo falta', 'solo le faltó', 'le faltó', 'espero con ganas', 'con ganas de', 'ansioso por', 'ansiosa por', 'ansiosos por', 'traigan', 'vuelvan a poner', 'vuelvan a traer', 'devuelvan', 'pongan'],
  caveat: ['pero', 'aunque', 'en cambio', 'por lo demás', 'sin embargo', 'aun así', 'solo que', 'lástima', 'pena', 'un poco', 'algo caro', 'salvo', 'excepto', 'menos', 'no tanto', 'no tan', 'no tanta', 'eso sí', 'eso si', 'ahora bien'],
  conditional: ['mientras', 'si', 'por ahora', 'de momento', 'hasta ahora', 'ya veremos', 'pronto para', 'siempre que', 'con tal de que', 'una vez que', 'cuando le', 'en cuanto', 'depende'],
  complaint: [
    'caro', 'cara', 'caros', 'lento', 'lenta', 'error*', 'fallo*', 'falla*', 'problema*', 'complicado*', 'difícil', 'malo', 'mala', 'mal', 'pésimo*', 'lamentable',
    'decepcion*', 'horrible', 'espera', 'esperando', 'tardó', 'tarda', 'tardan', 'demasiado', 'se cae', 'se cuelga', 'subieron', 'subida', 'aumento', 'desastre', 'pesadilla', 'caos', 'tardó un buen rato', 'tarda un buen rato', 'tardaron un buen rato', 'estaba cerrado', 'estaba cerrada', 'estuvo cerrado', 'estuvo cerrada', 'estaban cerrados', 'estaban cerradas', 'cerrado por', 'cerrada por', 'nunca llegó', 'no contestan', 'roto', 'rota', 'rotas', 'rotos', 'sin funcionar', 'no funcionaba', 'esperé'],
  faint: ['bien', 'correcto', 'normal', 'aceptable', 'cumple', 'está bien', 'no está mal', 'regular', 'pasable', 'nada que decir', 'sin quejas', 'nada del otro mundo', 'nada especial', 'no me quejo', 'cumple su función'],
  thirdParty: ['repartidor', 'mensajero', 'cartero', 'la ciudad', 'el barrio', 'el clima', 'restaurante de al lado', 'mi compañero', 'mi compañera', 'consultor', 'consultora', 'consultoría', 'socio', 'asesor', 'gestor', 'taxi*', 'vendedor', 'vendedora', 'playa', 'playas', 'montañas', 'la zona', 'chofer', 'chófer', 'conductor', 'taxista'],
  generic: ['bien', 'bueno', 'buena', 'excelente', 'genial', 'perfecto', 'perfecta', 'gracias', 'recomiendo', 'recomendable', 'top', 'súper', 'super', 'encanta', 'feliz', 'contento', 'contenta', 'satisfecho', 'satisfecha', 'de diez', 'cinco estrellas', '5 estrellas', 'sigan así', 'felicidades', 'felicitaciones', 'enhorabuena', 'espectacular', 'increíble', 'maravilloso', 'un lujo', 'de lujo', 'genial todo', 'todo genial'],
  things: ['muy', 'todo', 'producto', 'servicio', 'app', 'equipo', 'empresa', 'sigan', 'así', 'siempre', 'está', 'todo muy', 'como siempre'],
  usage: ['lo usamos', 'la usamos', 'usamos', 'lo uso para', 'utilizamos'],
  health: ['operación', 'cirugía', 'muela del juicio', 'endodoncia', 'diagnóstico', 'cáncer', 'quimio*', 'embarazo', 'embarazada', 'depresión', 'terapia', 'prótesis de rodilla', 'prótesis de cadera', 'pierna rota', 'brazo roto', 'infarto', 'ictus', 'aborto', 'mi lesión', 'insulina', 'tiroides', 'antidepresivo*'],
  praise: ['fácil*', 'facil*', 'sencill*', 'rápid*', 'rapid*', 'eficaz*', 'eficiente*', 'claro*', 'clara*', 'fiable*', 'confiable*', 'agradable*', 'práctic*', 'amable*', 'atent*', 'paciente*', 'profesional*', 'competente*', 'cálid*', 'tranquil*', 'limpi*', 'impecable*', 'cómod*', 'ahorr*', 'excelente*', 'genial*', 'perfect*', 'mejor*', 'buenísim*', 'gracias', 'encant*', 'recomiend*', 'recomendable*', 'fantástic*', 'increíble*', 'maravillos*', 'espectacular*', 'feliz*', 'content*', 'satisfech*', 'encantad*', 'bien', 'bueno', 'buena', 'buen', 'súper', 'super', 'top', 'de diez', 'puntual*', 'segur*', 'económic*', 'barat*', 'vale la pena', 'sin problemas', 'sin complicaciones'],
  implicit: ['justo lo que', 'todo lo que necesit*', 'exactamente lo que', 'ya no', 'recomendé', 'recomendado', 'cambié', 'la mitad', 'el mismo día', 'al día siguiente', 'todos los días', 'en minutos', 'en pocos minutos', 'aprobé', 'conseguí', 'reemplazó', 'explica'],
  troubles: ['comisiones', 'comisión', 'esperas', 'espera', 'problemas', 'problema', 'complicaciones', 'sorpresas', 'cortes', 'estrés', 'papeleo', 'colas', 'retrasos'],
};

const PT: QuotableCues = {
  request: [
    'por favor', 'pfv', 'gostaria', 'seria', 'seriam', 'falta', 'faltam', 'deveria', 'deveriam', 'poderia', 'poderiam', 'espero', 'adicionar', 'adicionem',
    'queria', 'precisa', 'precisam', 'próximo passo', 'tomara', 'só faltou', 'só faltava', 'só falta', 'só precisava', 'só precisa', 'faltou só', 'aguardando', 'aguardamos', 'mal posso esperar', 'tragam', 'tragam de volta', 'voltem com', 'coloquem', 'ponham'],
  caveat: ['mas', 'porém', 'já o', 'já a', 'no mais', 'entretanto', 'contudo', 'embora', 'só que', 'pena', 'um pouco', 'meio caro', 'exceto', 'tirando', 'apesar', 'nem tanto', 'nem tão', 'não tanto', 'não tão'],
  conditional: ['enquanto', 'se', 'por enquanto', 'até agora', 'vamos ver', 'cedo para', 'desde que', 'contanto que', 'uma vez que', 'assim que', 'depois que', 'depende'],
  complaint: [
    'caro', 'cara', 'caros', 'lento', 'lenta', 'erro*', 'falha*', 'problema*', 'complicado*', 'difícil', 'ruim', 'péssimo*', 'decepcion*', 'horrível', 'trava*',
    'espera', 'esperando', 'demorou', 'demora', 'demais', 'aumento', 'aumentou', 'cai', 'caiu', 'desastre', 'pesadelo', 'caos', 'estava fechado', 'estava fechada', 'esteve fechado', 'esteve fechada', 'estavam fechados', 'estavam fechadas', 'fechado para', 'fechada para', 'nunca chegou', 'não atendem', 'quebrado', 'quebrada', 'quebrados', 'quebradas', 'sem funcionar', 'não funcionava', 'esperei'],
  faint: ['ok', 'bom', 'razoável', 'normal', 'aceitável', 'cumpre', 'dá para o gasto', 'nada a dizer', 'sem reclamações', 'mais ou menos', 'tranquilo', 'nada de especial', 'nada demais', 'não tenho do que reclamar', 'cumpre o que promete'],
  thirdParty: ['entregador', 'carteiro', 'motoboy', 'a cidade', 'o bairro', 'o tempo', 'restaurante ao lado', 'meu colega', 'minha colega', 'consultor', 'consultora', 'consultoria', 'parceiro', 'contador', 'contadora', 'táxi*', 'taxi*', 'vendedor', 'vendedora', 'praia', 'praias', 'montanhas', 'a região', 'estafeta', 'motorista', 'taxista', 'uber'],
  generic: ['bom', 'boa', 'ótimo', 'ótima', 'otimo', 'excelente', 'perfeito', 'perfeita', 'obrigado', 'obrigada', 'recomendo', 'top', 'super', 'adoro', 'amo', 'satisfeito', 'satisfeita', 'parabéns', 'show de bola', 'nota 10', 'nota dez', 'cinco estrelas', '5 estrelas', 'continuem assim', 'top demais', 'show', 'sensacional', 'espetacular', 'maravilhoso', 'incrível', 'demais', 'fixe', 'bacana', 'massa'],
  things: ['muito', 'tudo', 'produto', 'serviço', 'app', 'equipe', 'equipa', 'empresa', 'continuem', 'assim', 'sempre', 'bola', 'está', 'esta', 'tá', 'ta'],
  usage: ['usamos', 'a gente usa', 'utilizamos', 'uso para', 'usamos para'],
  health: ['operação', 'cirurgia', 'dente do siso', 'dentes do siso', 'canal', 'diagnóstico', 'câncer', 'cancro', 'quimio*', 'gravidez', 'grávida', 'depressão', 'terapia', 'prótese do joelho', 'prótese da anca', 'prótese de quadril', 'perna partida', 'perna quebrada', 'braço partido', 'braço quebrado', 'enfarte', 'infarto', 'avc', 'aborto', 'minha lesão', 'insulina', 'tireoide', 'tiróide', 'antidepressivo*'],
  praise: ['fácil*', 'facil*', 'simples', 'rápid*', 'rapid*', 'eficiente*', 'eficaz*', 'claro*', 'clara*', 'confiável*', 'confiavel*', 'agradável*', 'prátic*', 'pratic*', 'atencios*', 'educad*', 'gentil*', 'simpátic*', 'paciente*', 'profissional*', 'competente*', 'tranquil*', 'limp*', 'impecável*', 'confortável*', 'confortavel*', 'economi*', 'excelente*', 'ótim*', 'otim*', 'perfeit*', 'melhor*', 'maravilhos*', 'incrível*', 'incrivel*', 'fantástic*', 'sensacional*', 'espetacular*', 'show', 'obrigad*', 'adoro', 'amo', 'recomendo', 'recomend*', 'feliz*', 'satisfeit*', 'content*', 'bom', 'boa', 'super', 'top', 'nota 10', 'nota dez', 'pontual*', 'segur*', 'barat*', 'vale a pena', 'sem problemas', 'sem complicação'],
  implicit: ['exatamente o que', 'tudo o que precis*', 'justo o que', 'não preciso mais', 'nunca mais', 'indiquei', 'recomendei', 'troquei', 'metade', 'no mesmo dia', 'no dia seguinte', 'todos os dias', 'em minutos', 'em poucos minutos', 'passei', 'consegui', 'substituiu', 'explica'],
  troubles: ['taxas', 'taxa', 'filas', 'fila', 'problemas', 'problema', 'complicação', 'surpresas', 'quedas', 'estresse', 'burocracia', 'atrasos', 'dor de cabeça'],
};

export const QUOTABLE_CUES: Readonly<Record<string, QuotableCues>> = { en: EN, de: DE, fr: FR, es: ES, pt: PT };
