/**
 * Words that say how a thing is, or hold a sentence together, and so never name what a
 * comment is about: the discovered themes leave them out, on top of each language's
 * stop words (the `stopword` package's lists are short for some languages: Spanish
 * has no "es", "fue" or "hay").
 *
 * `filler`: function words, auxiliaries and all-purpose verbs and nouns ("get", "thing",
 * "vez"); `judgement`: words of blame with no subject of their own ("terrible",
 * "nul", "pésimo"), which also count as negative words in the sentiment of a sentence.
 * Words of praise are left out of themes too, from the sentiment lexicons (sentiment.ts).
 */
export interface DiscoveryWords {
  filler: string;
  judgement: string;
  /** Words that answer "nothing" ("none", "rien", "nada"): a comment of these and stop words says there is nothing to add. */
  nothing: string;
}

export const DISCOVERY_WORDS: Readonly<Record<string, DiscoveryWords>> = {
  en: {
    filler:
      'a about above actually after again against ago all almost along already also although always am among an and another any anybody anyone anything anyway anywhere are around as ask asked at away back be became because become been before being below besides best better between beyond both bring brought but by came can cannot could couple day days did do does doing done down due during each either else enough especially etc even ever every everybody everyone everything everywhere except far few find found first for from full further gave get gets getting give given gives go goes going gone got gotten had has have having he her here hers herself him himself his how however i if im in instead into is it its itself ive just keep kept kind know knew known last later least less let like likely little lot lots made make makes making many may maybe me mean might mine more most mostly much must my myself near need needed needs never new next no nor not now of off often on once one ones only onto or other others otherwise our ours ourselves out over overall own part per perhaps put quite rather really said same say says see seem seemed seems seen several shall she should since so some somebody someone something sometimes somewhat soon still such sure take taken takes taking tell than that the their theirs them themselves then there these they thing things think this those though thought through thus feel feels felt feeling understand understood happen happened happens till to today together told too took toward towards try tried trying two under until up upon us use used uses using usually very via want wanted wants was way ways we well went were what whatever when where whether which while who whole whom whose why will with within without would yes yet you your yours yourself still etc oh ok okay lol thanks thank please',
    judgement:
      'bad badly poor poorly terrible terribly awful awfully horrible horribly worst worse disappointing disappointed disappointment useless rubbish appalling dreadful pathetic shocking unacceptable unhappy sad annoying annoyed frustrating frustrated hate hated sucks crap shit meh mediocre disgusting disgraceful ridiculous lousy lacking',
    nothing: 'nothing none no nope n/a na nil nada anything',
  },
  fr: {
    filler:
      'a ai aie alors après assez au aucun aucune aussi autre autres aux avant avec avoir bah beaucoup bien car ce ceci cela celle celles celui cependant certains ces cet cette chaque chez ci comme comment d dans de depuis des déjà donc dont du elle elles en encore entre est et etc été être eu fait faire fais faut fois font grâce ici il ils j je jamais jusqu jusque l la là le les leur leurs lors lorsque lui m ma mais me même mes moi moins mon n ne ni non nos notre nous on ont ou où par parce parfois pas peu peut peuvent plus plusieurs pour pourquoi pourtant presque puis qu quand que quel quelle quelles quels quelque quelques qui quoi rien s sa sans se selon ses si sinon soit son sont sous souvent suis sur t ta tant te tel telle tellement tes toujours tous tout toute toutes très trop tu un une vers via voilà vos votre vous vraiment y ça chose choses fois an ans merci reçu reçue reçus reçues petit petite petits petites grand grande grands grandes oui ok',
    judgement:
      'mauvais mauvaise mauvaises nul nulle nuls déçu déçue déçus déçues décevant décevante décevants décevantes décevoir déception horrible horribles catastrophique catastrophe lamentable pire inadmissible honteux honteuse scandaleux scandaleuse médiocre minable inacceptable',
    nothing: 'rien aucun aucune non ras',
  },
  es: {
    filler:
      'a al algo alguien algún alguna algunas alguno algunos allí ante antes aquí así aun aún bastante bien cada casi como con contra cual cuando de del desde donde dos durante e el él ella ellas ello ellos en entre era eran es esa esas ese eso esos esta está estaba estaban estamos están estar estas este esto estos estoy estuvo estuvimos fue fueron fuimos ha había habían hace hacen hacer han hasta hay he hemos hizo hubo la las le les lo los más me mi mis mismo mismos mucha muchas mucho muchos muy nada ni no nos nosotros o otra otras otro otros para pero poco por porque pues que qué quien se sea ser será si sí sido siempre sin sino sobre solo sólo son su sus también tan tanto te tener tenía tenían tiene tienen todas todo todos tu tuve tuvimos tuvo un una unas uno unos vez veces y ya yo cosa pasar pasamos puede pueden podemos pudimos llegar llegamos volver volveremos ir fuimos hacer estar tener dar ver nuestra nuestro nuestros nuestras vuestro noche noches cosas gracias ok',
    judgement:
      'malo mala malos malas mal pésimo pésima pésimos pésimas horrible horribles terrible terribles peor peores decepcionado decepcionada decepcionante decepción lamentable fatal desastre desastroso desastrosa inaceptable',
    nothing: 'nada ninguno ninguna ningún no',
  },
  de: {
    filler:
      'ab aber alle allem allen aller alles als also am an auch auf aus bei beim bin bis bisschen bitte da dabei dadurch dafür daher damit dann daran darauf das dass dem den denn der des dich die dies diese diesem diesen dieser dieses doch dort du durch eben echt eigentlich ein eine einem einen einer eines einfach einige einmal er es etwas euch für ganz gar geht gibt habe haben hat hatte hätte hier ich ihm ihn ihr ihre im immer in ist ja jede jeden jeder jetzt kann kein keine können könnte man mal mehr mein meine mich mir mit muss nach natürlich nicht nichts noch nun nur ob oder ohne schon sehr sein seine sich sie sind so sogar soll sollte sonst über um und uns unser unsere vom von vor war waren was weil weiter wenn wer werden wie wieder wir wird wirklich wo wurde wurden zu zum zur zwar zwischen mal danke ok',
    judgement:
      'schlecht schlechte schlechter schlechten schlechtes schlechteste furchtbar schrecklich enttäuscht enttäuschend enttäuschung katastrophal katastrophe mies miserabel unterirdisch mangelhaft inakzeptabel',
    nothing: 'nichts kein keine keinen nein',
  },
  pt: {
    filler:
      'a agora ainda algo alguém algum alguma algumas alguns ao aos apenas aqui as assim até bem cada com como da das de dela dele depois desde do dos e é ela ele eles em entre era essa esse está estava estão estou eu foi foram fui há isso isto já la lá lhe mais mas me mesmo meu minha muita muitas muito muitos na nada não nas nem no nos nossa nosso num numa o os ou para pela pelas pelo pelos por porque pouco quando que quem se sem ser seu sua são também tem têm tenho ter teve tive toda todas todo todos tudo um uma umas uns vez vezes você coisa coisas obrigado obrigada ok',
    judgement: 'ruim ruins péssimo péssima péssimos péssimas horrível horríveis terrível terríveis pior piores decepcionado decepcionada decepcionante decepção lamentável absurdo inaceitável',
    nothing: 'nada nenhum nenhuma não nao',
  },
  it: {
    filler:
      'a ad al alla alle anche ancora avere c che chi ci come con così cosa cose da dal dalla dei del della delle di dopo e è ecco era essere fa fare fatto gli ha hanno ho i il in io l la le lo loro ma mai me mi molto molti molta nel nella no noi non o ogni per perché però più poco poi qua quando quasi quel quella quello questa questo qui se sempre senza si sia sono sta stato su sua suo sul sulla tanto ti tra tutti tutto un una uno volta volte grazie ok',
    judgement: 'pessimo pessima pessimi pessime brutto brutta terribile orribile peggiore peggio deluso delusa delusione deludente scadente inaccettabile vergognoso',
    nothing: 'niente nulla nessuno nessuna no',
  },
  nl: {
    filler:
      'aan al alleen als altijd andere ben bij dan dat de deze die dit doen door dus een echt en er geen gewoon had heb hebben heeft het hier hij hoe ik in is ja je kan keer kunnen maar me meer met mijn moet na naar niet niets nog nu of ook op over te tot u uit van veel voor waren was wat we wel werd wij wordt zal ze zeer zich zijn zo zou ding dingen bedankt ok',
    judgement: 'slecht slechte slechter slechtste vreselijk verschrikkelijk teleurgesteld teleurstellend teleurstelling waardeloos belabberd onacceptabel',
    nothing: 'niets geen nee',
  },
  ru: {
    filler: 'и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот очень спасибо',
    judgement: 'плохо плохой плохая плохое ужасно ужасный ужасная худший разочарован разочарована разочарование отвратительно',
    nothing: 'ничего нет ничто',
  },
};
