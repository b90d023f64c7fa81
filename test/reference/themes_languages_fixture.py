#!/usr/bin/env python3
"""Writes the comment fixtures in other languages (fixtures/themes-fr.csv, -es, -de,
-pt, -it, -nl and -mixed) from comments written for them, each with the themes a
reader finds in it, and prints per file the number of comments that mention each
theme: the hand counts the language tests state.

    python3 test/reference/themes_languages_fixture.py

The themes are what a person reading the comment would say it is about, not what
nps finds: some comments say a thing in words the lexicon does not have, and the
tests allow for that with a tolerance of a few points. A product's noun praised or blamed
("the PDF reports are handy", "the ERP integration works wonders") is no feature: features
are capabilities asked for, missed or judged as such.
"""
import csv
import os

P, S, O, E, R, V, F, D, C = (
    "price and billing", "support and service", "onboarding and setup", "ease of use", "reliability and bugs",
    "speed and performance", "features", "documentation", "communication",
)
ROOT = os.path.join(os.path.dirname(__file__), "..", "..")

FR = [
    (2, "Prix trop élevés pour ce que c'est", [P]),
    (1, "Beaucoup trop cher, on va résilier", [P]),
    (3, "Le service client ne répond jamais", [S]),
    (0, "L'application plante tous les matins, inutilisable", [R]),
    (4, "Trop lent, les pages mettent une éternité à s'afficher", [V]),
    (5, "La facturation est incompréhensible, deux factures pour le même mois", [P]),
    (2, "Aucune réponse du support depuis trois semaines", [S]),
    (6, "Il manque l'export vers Excel", [F]),
    (3, "Interface compliquée, mes collègues s'y perdent", [E]),
    (1, "Des bugs partout depuis la dernière mise à jour", [R]),
    (4, "Le prix a encore augmenté cette année", [P]),
    (6, "La documentation est obsolète", [D]),
    (5, "Trop de mails commerciaux, c'est du spam", [C]),
    (2, "Installation longue et pénible", [O]),
    (0, "Perte de données après une panne, inacceptable", [R]),
    (3, "Les tarifs ne sont pas clairs", [P]),
    (6, "L'appli est lente sur mobile", [V]),
    (4, "Fonctionnalités limitées par rapport à la concurrence", [F]),
    (5, "Le support est aimable mais ne résout rien", [S]),
    (1, "Erreur à chaque enregistrement", [R]),
    (2, "Cher et lent", [P, V]),
    (6, "On nous a facturé deux fois", [P]),
    (3, "Impossible de joindre quelqu'un au téléphone", [S]),
    (4, "Pas de tableau de bord pour suivre l'activité", [F]),
    (5, "La configuration a pris des semaines", [O]),
    (0, "Ça ne marche pas, point", []),
    (6, "Bof, rien de spécial", []),
    (2, "Déçu par la qualité globale", []),
    (3, "Le chargement des rapports est interminable", [V, F]),
    (5, "Pas de tutoriel pour démarrer", [D, O]),
    (4, "On n'est jamais prévenus des changements", [C]),
    (6, "Navigation confuse, on ne trouve rien", [E]),
    (1, "Le logiciel plante dès qu'on ouvre un gros fichier", [R]),
    (3, "Rapport qualité prix décevant", [P]),
    (5, "Le remboursement a pris deux mois", [P]),
    (7, "Bon produit mais un peu cher", [P]),
    (8, "Très bien dans l'ensemble, quelques lenteurs", [V]),
    (7, "Le support est réactif, mais la documentation manque d'exemples", [S, D]),
    (8, "Facile à utiliser, il manque juste une API", [E, F]),
    (7, "Correct, sans plus", []),
    (8, "La mise en place a été rapide", [O, V]),
    (7, "Quelques bugs mais l'équipe corrige vite", [R, S]),
    (8, "Bonne application, l'abonnement reste cher", [P]),
    (7, "J'aimerais plus d'options d'intégration", [F]),
    (8, "Ergonomie correcte, pas toujours intuitive", [E]),
    (7, "Les notifications sont trop nombreuses", [C]),
    (8, "Le guide de démarrage m'a bien aidé", [D, O]),
    (7, "Stable mais un peu lent", [R, V]),
    (8, "Bien, en attente de nouvelles fonctionnalités", [F]),
    (7, "Prix correct", [P]),
    (8, "Rien à redire", []),
    (7, "L'interface mériterait un coup de jeune", [E]),
    (8, "Service client sympathique", [S]),
    (10, "Super produit, très facile à prendre en main", [E, O]),
    (9, "Le support est génial, toujours une réponse rapide", [S, V]),
    (10, "Simple et efficace, je recommande", [E]),
    (10, "Excellent rapport qualité prix", [P]),
    (9, "Très fiable, jamais eu de panne", [R]),
    (10, "Rapide et intuitif", [V, E]),
    (9, "L'équipe du service client est au top", [S]),
    (10, "Installation en cinq minutes, bravo", [O]),
    (9, "Toutes les fonctionnalités dont on a besoin", [F]),
    (10, "La documentation est claire et complète", [D]),
    (9, "Parfait pour notre équipe", []),
    (10, "J'adore l'application 😍", []),
    (9, "Merci pour votre réactivité", [S]),
    (10, "Interface claire, tout est logique", [E]),
    (9, "Pas cher pour tout ce que ça fait", [P]),
    (10, "Aucun bug depuis un an", [R]),
    (9, "Les rapports exportés en PDF sont très pratiques", []),
    (10, "Le meilleur outil que nous ayons utilisé", []),
    (9, "Bonne communication sur les nouveautés", [C]),
    (10, "Migration depuis notre ancien outil sans souci", [O]),
    (9, "Très rapide même avec beaucoup de données", [V]),
    (10, "Top 👍", []),
    (9, "Conseiller très compétent au téléphone", [S]),
    (10, "Les tutoriels vidéo sont très bien faits", [D]),
    (9, "Application stable et agréable", [R]),
    (10, "Tarifs raisonnables et transparents", [P]),
    (9, "Intégration avec notre CRM parfaite", []),
    (10, "Je ne pourrais plus m'en passer", []),
    (9, "Simple, clair, efficace", [E]),
    (10, "Support au top, merci Julie !", [S]),
    (9, "Prise en main immédiate", [E, O]),
]

ES = [
    (1, "Demasiado caro para lo que ofrece", [P]),
    (2, "El soporte tarda días en responder", [S, V]),
    (0, "La aplicación se cierra cada vez que la abro", [R]),
    (3, "Muy lenta, sobre todo en el móvil", [V]),
    (4, "Me cobraron dos veces este mes", [P]),
    (2, "Falta información en la documentación", [D]),
    (5, "La interfaz es confusa", [E]),
    (1, "Errores constantes al guardar", [R]),
    (3, "El precio subió sin avisar", [P, C]),
    (6, "Faltan funciones básicas como exportar a Excel", [F]),
    (4, "La instalación fue un dolor de cabeza", [O]),
    (0, "Nadie responde a mis correos", [S, C]),
    (5, "Demasiados correos de promoción", [C]),
    (2, "Complicado de usar para gente sin experiencia", [E]),
    (6, "Las librerías de integración están desactualizadas", []),
    (3, "Perdimos datos por un fallo del servidor", [R]),
    (4, "Pésima atención al cliente", [S]),
    (1, "Lentitud exasperante al cargar los informes", [V, F]),
    (5, "No vale lo que cuesta", [P]),
    (6, "El panel de control es muy limitado", [F]),
    (2, "Se cuelga constantemente", [R]),
    (3, "No hay tutoriales en español", [D]),
    (4, "La configuración inicial es muy complicada", [O, E]),
    (5, "Regular, esperaba más", []),
    (0, "Horrible experiencia", []),
    (6, "La factura nunca llega a tiempo", [P]),
    (3, "Tardan mucho en cargar las páginas", [V]),
    (2, "La suscripción anual es carísima", [P]),
    (4, "El asesor no sabía nada del producto", [S]),
    (6, "La migración de datos fue un desastre", [O]),
    (1, "Ya no funciona la sincronización, muchos errores", [R]),
    (5, "Difícil encontrar las opciones", [E]),
    (7, "Buen producto pero caro", [P]),
    (8, "Funciona bien, aunque a veces va lento", [V]),
    (7, "El soporte ayuda, pero la documentación es escasa", [S, D]),
    (8, "Fácil de usar, le falta una API", [E, F]),
    (7, "Está bien", []),
    (8, "La instalación fue rápida", [O, V]),
    (7, "Algunos errores, pero los corrigen rápido", [R, V]),
    (8, "Me gustaría más integraciones", [F]),
    (7, "Las notificaciones son excesivas", [C]),
    (8, "Buena relación calidad precio", [P]),
    (7, "Bastante estable", [R]),
    (8, "La interfaz podría ser más moderna", [E]),
    (7, "Cumple, sin más", []),
    (8, "Atención al cliente amable", [S]),
    (10, "Excelente servicio, muy recomendable", [S]),
    (9, "Muy fácil de usar, intuitivo", [E]),
    (10, "Rápido y fiable", [V, R]),
    (9, "El precio es justo", [P]),
    (10, "El equipo de soporte es increíble", [S]),
    (9, "La documentación es muy completa", [D]),
    (10, "Me encantan los informes personalizados", [F]),
    (9, "Nunca ha fallado", [R]),
    (10, "Sencillo y eficaz", [E]),
    (9, "La puesta en marcha fue muy sencilla", [O, E]),
    (10, "¡Me encanta! 😍", []),
    (9, "Gracias por la rapidez en responder", [S, V]),
    (10, "Tiene todas las funcionalidades que necesitamos", [F]),
    (9, "Barato y muy completo", [P]),
    (10, "La mejor herramienta del mercado", []),
    (9, "Siempre nos mantienen informados de las novedades", [C]),
    (10, "Muy estable y rápido", [R, V]),
    (9, "Los tutoriales en vídeo ayudan mucho", [D]),
    (10, "Todo perfecto", []),
    (9, "La integración con nuestro ERP funciona de maravilla", []),
    (10, "La navegación es muy clara", [E]),
    (9, "Excelente atención, resolvieron todo en minutos", [S]),
    (10, "Configurarlo fue facilísimo", [O, E]),
    (9, "Buen precio y buen servicio", [P, S]),
]

DE = [
    (1, "Viel zu teuer für den Funktionsumfang", [P, F]),
    (2, "Der Support antwortet nie", [S]),
    (0, "Die App stürzt ständig ab", [R]),
    (3, "Sehr langsam beim Laden der Berichte", [V, F]),
    (4, "Die Bedienung ist kompliziert", [E]),
    (5, "Die Rechnung war zweimal falsch", [P]),
    (7, "Gutes Produkt, aber die Dokumentation ist veraltet", [D]),
    (8, "Die Einrichtung war einfach", [O, E]),
    (7, "Es fehlt ein Export nach Excel", [F]),
    (9, "Schnell und zuverlässig", [V, R]),
    (10, "Toller Kundenservice, immer hilfsbereit", [S]),
    (9, "Sehr intuitiv und übersichtlich", [E]),
    (10, "Preis-Leistungs-Verhältnis stimmt", [P]),
    (10, "Einfach super 👍", []),
]

PT = [
    (1, "Muito caro para o que oferece", [P]),
    (2, "O suporte demora a responder", [S, V]),
    (0, "O aplicativo trava toda hora", [R]),
    (3, "Lento demais no celular", [V]),
    (5, "A interface é confusa", [E]),
    (4, "Cobraram duas vezes no cartão", [P]),
    (7, "Bom, mas falta integração com o nosso sistema", [F]),
    (8, "A instalação foi tranquila", [O]),
    (7, "A documentação poderia ter mais exemplos", [D]),
    (9, "Rápido e confiável", [V, R]),
    (10, "Atendimento excelente, sempre ajudam", [S]),
    (9, "Muito fácil de usar", [E]),
    (10, "Ótimo custo-benefício", [P]),
    (10, "Adoro! 😍", []),
]

IT = [
    (1, "Troppo caro per quello che offre", [P]),
    (2, "L'assistenza non risponde mai", [S]),
    (0, "L'app si blocca ogni mattina", [R]),
    (3, "Lentissimo nel caricamento dei report", [V, F]),
    (5, "L'interfaccia è confusa", [E]),
    (4, "La fattura era sbagliata due volte", [P]),
    (7, "Buono, ma manca l'esportazione in Excel", [F]),
    (8, "L'installazione è stata semplice", [O, E]),
    (7, "La documentazione è scarsa", [D]),
    (9, "Veloce e affidabile", [V, R]),
    (10, "Assistenza clienti eccellente", [S]),
    (9, "Molto facile da usare", [E]),
    (10, "Ottimo rapporto qualità prezzo", [P]),
    (10, "Fantastico 🎉", []),
]

NL = [
    (1, "Veel te duur voor wat je krijgt", [P]),
    (2, "De klantenservice reageert niet", [S]),
    (0, "De app crasht elke ochtend", [R]),
    (3, "Erg traag bij het laden van rapporten", [V, F]),
    (5, "De interface is verwarrend", [E]),
    (4, "De factuur klopte twee keer niet", [P]),
    (7, "Goed, maar er ontbreekt een export naar Excel", [F]),
    (8, "De installatie was eenvoudig", [O, E]),
    (7, "De handleiding is verouderd", [D]),
    (9, "Snel en betrouwbaar", [V, R]),
    (10, "Geweldige klantenservice", [S]),
    (9, "Heel gebruiksvriendelijk", [E]),
    (10, "Prima prijs-kwaliteitverhouding", [P]),
    (10, "Top! 👍", []),
]

# One product's feedback in several languages, with emoji and comments too short to tell.
MIXED = [
    (1, "Way too expensive for a small team", [P], "en"),
    (9, "Support answered within the hour, great", [S], "en"),
    (3, "The app crashes when I upload photos", [R], "en"),
    (10, "Love it 😍", [], "en"),
    (8, "Setup was quick, docs could be better", [O, V, D], "en"),
    (2, "Prix trop élevés, on regarde ailleurs", [P], "fr"),
    (10, "Le support est génial 👏", [S], "fr"),
    (6, "L'application est lente depuis la mise à jour", [V], "fr"),
    (9, "Très facile à utiliser", [E], "fr"),
    (1, "El precio es abusivo", [P], "es"),
    (9, "La información está muy bien organizada y es fácil de usar", [E], "es"),
    (4, "Faltan muchas funciones básicas", [F], "es"),
    (10, "¡Excelente atención al cliente! 🙌", [S], "es"),
    (2, "Viel zu teuer 💸", [P], "de"),
    (9, "Der Kundenservice ist super", [S], "de"),
    (5, "Die App stürzt oft ab", [R], "de"),
    (1, "値段が高すぎる", [P], "ja"),
    (10, "サポートの対応がとても丁寧でした", [S], "ja"),
    (4, "動作が遅いです", [V], "ja"),
    (9, "使いやすいです 👍", [E], "ja"),
    (2, "价格太贵了", [P], "zh"),
    (9, "客服回复很快", [S, V], "zh"),
    (3, "Слишком дорого, поддержка отвечает медленно", [P, S, V], "ru"),
    (9, "Πολύ καλή εφαρμογή", [], "el"),
    (10, "👍👍👍", [], None),
    (7, "ok", [], None),
]

HEADERS = {
    "fr": ["id", "date", "Recommanderiez-vous notre logiciel ? (0-10)", "commentaire"],
    "es": ["id", "fecha", "¿Recomendaría nuestro producto? (0-10)", "comentario"],
    "de": ["id", "datum", "Würden Sie uns weiterempfehlen? (0-10)", "kommentar"],
    "pt": ["id", "data", "Você nos recomendaria? (0-10)", "comentario"],
    "it": ["id", "data", "Ci raccomanderesti? (0-10)", "commento"],
    "nl": ["id", "datum", "Zou u ons aanbevelen? (0-10)", "opmerking"],
    "mixed": ["id", "date", "score", "comment"],
}

THEMES = [P, S, O, E, R, V, F, D, C]

def group(score):
    return "promoters" if score >= 9 else "passives" if score >= 7 else "detractors"

def write(name, rows):
    path = os.path.join(ROOT, "fixtures", f"themes-{name}.csv")
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(HEADERS[name])
        for number, row in enumerate(rows, 1):
            day = f"2026-{1 + number % 12:02d}-{1 + number % 28:02d}"
            writer.writerow([f"{name}{number}", day, row[0], row[1]])
    counts = {theme: 0 for theme in THEMES}
    for row in rows:
        for theme in row[2]:
            counts[theme] += 1
    groups = {g: sum(1 for row in rows if group(row[0]) == g) for g in ("detractors", "passives", "promoters")}
    print(f"fixtures/themes-{name}.csv: {len(rows)} comments {groups}")
    for theme in THEMES:
        print(f"  {theme}: {counts[theme]} ({100 * counts[theme] / len(rows):.1f}%)")
    if name == "mixed":
        languages = {}
        for row in rows:
            languages[row[3]] = languages.get(row[3], 0) + 1
        print(f"  languages: {languages}")

def main():
    for name, rows in [("fr", FR), ("es", ES), ("de", DE), ("pt", PT), ("it", IT), ("nl", NL), ("mixed", MIXED)]:
        write(name, rows)

if __name__ == "__main__":
    main()
