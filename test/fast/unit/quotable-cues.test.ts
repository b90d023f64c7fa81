import { describe, expect, it } from 'vitest';
import { isTestimonialCandidate, whyNotQuotable } from '../../../src/core/quotable.js';

describe('what keeps a promoter comment from being quoted', () => {
  it.each([
    // An elided article no longer hides the complaint word after it.
    ["Génial, une heure d'attente au guichet.", 'fr', 'complaint'],
    // A host's recommendation is someone else.
    ['The guide the hotel recommended for the old town was a gem.', 'en', 'third-party'],
    ['Der Caterer, den uns die Location empfohlen hat, war großartig.', 'de', 'third-party'],
    ['El guía que la recepción nos recomendó fue increíble.', 'es', 'third-party'],
    ['A padaria que a recepção indicou é maravilhosa.', 'pt', 'third-party'],
    ["Le traiteur que l'hôtel nous a conseillé était parfait.", 'fr', 'third-party'],
    // Asking in French with "merci de" or "pensez à".
    ["Merci d'ouvrir le samedi matin, ce serait top.", 'fr', 'request'],
    ['Livraison rapide. Pensez à proposer un créneau le soir.', 'fr', 'request'],
    // Looking forward to what is not there yet.
    ['Wir freuen uns schon auf die neue Filiale in Köln, tolles Team.', 'de', 'request'],
    ['Produto ótimo, aguardando a versão para Android.', 'pt', 'request'],
    ["Appli super, on attend avec impatience le mode sombre.", 'fr', 'request'],
    // Order numbers, however written.
    ['Bestellung 583920 kam am nächsten Tag, perfekt verpackt.', 'de', 'personal-data'],
    ['Order no. 4821 arrived early, perfectly packed.', 'en', 'personal-data'],
    ['Case 482139 was solved within minutes, brilliant support.', 'en', 'personal-data'],
    ['Ticket 48213 was solved within minutes, brilliant support.', 'en', 'personal-data'],
    ['My order 582931 came the next day, brilliant packaging.', 'en', 'personal-data'],
    ['Bestellnummer 4821 kam am nächsten Tag, perfekt verpackt.', 'de', 'personal-data'],
    ['Numéro de commande 4821 arrivé en avance, emballage parfait.', 'fr', 'personal-data'],
    ['Número de pedido 4821 llegó antes de tiempo, muy bien embalado.', 'es', 'personal-data'],
    ['Sarah Whitfield, account manager, was brilliant and quick.', 'en', 'personal-data'],
    ['Jenny Marlowe, support agent, solved it in minutes.', 'en', 'personal-data'],
    ['Jean-Pierre Martin, our account manager, was brilliant and quick.', 'en', 'personal-data'],
    ['Jonas Becker, unser Kundenbetreuer, war super hilfsbereit und schnell.', 'de', 'personal-data'],
    ['Lucía Fernández, nuestra asesora, siempre rápida y muy amable.', 'es', 'personal-data'],
    ['Minha encomenda 77310-2 chegou rápido, obrigada!', 'pt', 'personal-data'],
    // A name, a comma and the role.
    ['Tomás Brennan, our account manager, sorted the renewal in a day.', 'en', 'personal-data'],
    ['The chef the venue booked for our wedding was amazing.', 'en', 'third-party'],
    ['Der Koch, den uns die Vermieterin gebucht hat, war super.', 'de', 'third-party'],
    ['No fees and checkout is slow.', 'en', 'complaint'],
    ['Keine Gebühren, die App oft langsam.', 'de', 'complaint'],
    // A closed place is a complaint with no complaint word.
    ['The spa was closed for the whole long weekend.', 'en', 'complaint'],
    ['La piscina estaba cerrada los tres días.', 'es', 'complaint'],
    // Faint praise with a word of praise inside it.
    ['Good enough for a weekend away.', 'en', 'faint'],
    ['Está bien, nada especial.', 'es', 'faint'],
    // A caveat in Spanish.
    ['Entrega rapidísima, eso sí, el embalaje muy justo.', 'es', 'caveat'],
    // Generic praise in several words is still too vague.
    ['Always a pleasure, keep it up!', 'en', 'vague'],
    ['Continuez comme ça, bravo', 'fr', 'vague'],
    ['Show de bola, nota 10', 'pt', 'vague'],
  ])('%j is not a candidate (%s): %s', (comment, language, why) => {
    expect(whyNotQuotable(comment, language)).toBe(why);
  });

  it.each([
    ['Merci de votre patience, le conseiller a tout réglé en une heure.', 'fr'],
    ['We booked the hotel for our wedding and every detail was handled perfectly.', 'en'],
    ["J'ai recommandé l'hôtel à toute ma famille, accueil chaleureux et chambres impeccables.", 'fr'],
    ['Great Service, fast delivery and the sofa is gorgeous.', 'en'],
    ['Das Hotel habe ich allen Freunden empfohlen, so ruhig und sauber.', 'de'],
    ['Pagamos metade do preço da concorrência e o atendimento é rápido.', 'pt'],
    ['Closed my old account and moved everything over in ten minutes, so easy.', 'en'],
    // Thanks, praise and plans that the first version of these rules took for requests, complaints or personal data.
    ["Merci d'avoir résolu mon problème aussi rapidement, équipe très réactive.", 'fr'],
    ["Merci d'être toujours aussi réactifs et aimables au téléphone.", 'fr'],
    ['Je pense à vous recommander à mes amis, service rapide et efficace.', 'fr'],
    ['Mi hermana me recomendó el hotel y fue perfecto, habitación limpia y personal amable.', 'es'],
    ['Uma amiga me indicou a pousada e adorei, quarto limpo e equipe atenciosa.', 'pt'],
    ['The rooms were spotless and the hotel is highly recommended to everyone.', 'en'],
    ['Hôtel très recommandé, chambre propre et personnel souriant.', 'fr'],
    ['Our guide suggested a hidden cove and the whole tour was superbly organised.', 'en'],
    ['My support ticket was closed within an hour and the fix worked perfectly.', 'en'],
    ['Die Fahrzeuge sind top gewartet und der Service ist freundlich.', 'de'],
    ['Ich bin schon eine Weile Kunde und sehr zufrieden, der Support ist schnell.', 'de'],
    ['Le conseiller prend du temps pour bien expliquer, très professionnel.', 'fr'],
    ["Je n'ai toujours pas trouvé mieux, livraison rapide et service impeccable.", 'fr'],
    ['Todavía no he encontrado nada mejor, envío rápido y atención excelente.', 'es'],
    ['Ainda não encontrei nada melhor, entrega rápida e atendimento excelente.', 'pt'],
    ["Pas une minute d'attente, accueil chaleureux et efficace.", 'fr'],
    ["Jamais de temps d'attente au téléphone, conseillers rapides et aimables.", 'fr'],
    ['Customer Support, quick and friendly, solved my billing issue right away.', 'en'],
    ['Best ski school of the 2023-24 season, the instructors were brilliant.', 'en'],
    ['Super simple setup, no 1000-page manuals needed, support is fast.', 'en'],
    ['In any case 5000 employees use it daily and it is fast and reliable.', 'en'],
    ['Their new pricing was a stroke of genius, saves us a fortune every month.', 'en'],
    ['This tool could save any small business hours every week, brilliant support.', 'en'],
    ['Great to see how they handled our peak season, fast and friendly.', 'en'],
    ['Good enough, and fast checkout with friendly staff.', 'en'],
    ['Our flight was cancelled so the hotel booked us two extra nights at no cost, amazing service.', 'en'],
    ['Wir sind froh, dass wir das Hotel gebucht haben, sauber, ruhig und herzliche Gastgeber.', 'de'],
    ['Vinimos por una amiga que nos recomendó el hotel y fue perfecto, habitación limpia y personal amable.', 'es'],
    ['Uma amiga que nos indicou o hotel acertou em cheio, quarto limpo e equipe atenciosa.', 'pt'],
    ['Lovely stay and the host suggested great walks, spotless rooms and a warm welcome.', 'en'],
    ['Setup was painless because the guide suggested exactly the right settings.', 'en'],
    ['We scaled from 50-500 seats without a hitch, onboarding was smooth.', 'en'],
    ['Catered our wedding for 100-150 guests flawlessly, the food was delicious.', 'en'],
    ['We order 25000 labels every quarter and they always arrive on time.', 'en'],
    ['Cosy Rooms, a warm welcome and the quietest street in town.', 'en'],
    ['Fresh Croissants, the best breakfast we had in Lisbon.', 'en'],
    ['Decent, intuitive and reliable, saves me an hour a day.', 'en'],
    ['Hotel limpo e tranquilo, equipe atenciosa e café da manhã delicioso.', 'pt'],
    ["Pas une seule minute d'attente, accueil chaleureux et efficace.", 'fr'],
    ['Not a single minute of waiting, friendly and efficient staff.', 'en'],
    // A third review's: faint words beside praise, German nouns before a comma, years and quantities, a host's own doing.
    ['It works perfectly on every laptop we own.', 'en'],
    ['Atendimento muito bom e quarto impecável.', 'pt'],
    ['Nos atendieron muy bien y la habitación impecable.', 'es'],
    ['Pas mal du tout, livraison rapide et emballage soigné.', 'fr'],
    ['Hotel Adlon, unser Lieblingshotel in Berlin, herzlich und sauber.', 'de'],
    ['Sunny Bay, our favourite resort, spotless rooms and friendly staff.', 'en'],
    ['Notion Calendar, my planner for everything now, fast and intuitive.', 'en'],
    ['Smile Studio, dentist was gentle and the nurse reassuring.', 'en'],
    ['Season ticket 2025 was worth every penny, brilliant matches.', 'en'],
    ['Encomenda 1000 convites chegou rápido e perfeita.', 'pt'],
    ['Scaled 500-5000 seats without a hitch, support was fantastic.', 'en'],
    ['Wonderful stay, the host suggested great walks and the room was spotless.', 'en'],
    ['Lo mejor fue que el anfitrión nos recomendó rutas preciosas, casa limpia y cómoda.', 'es'],
    ['Adorei que a recepção nos indicou um quarto mais silencioso, hotel limpo e confortável.', 'pt'],
  ])('%j is still a candidate (%s)', (comment, language) => {
    expect(whyNotQuotable(comment, language)).toBeUndefined();
  });

  it('holds a short comment taken for a language without cues to the generic words of every language', () => {
    // "Alles top" reads as Dutch to the detector: it is still too vague to quote.
    expect(isTestimonialCandidate('Alles top', 'nl')).toBe(false);
    expect(isTestimonialCandidate('Geweldige service, de monteur kwam binnen een uur en alles werkt weer perfect.', 'nl')).toBe(true);
    expect(isTestimonialCandidate('Ottimo, chiamate il 333 1234567', 'it')).toBe(false);
  });
});
