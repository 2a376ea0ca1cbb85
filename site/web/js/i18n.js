// i18n.js: every visible string of the lesson, one table per language.
// French is the default; English comes with ?lang=en or the toggle. The
// lesson's prose (the data-i18n-block texts) is Markdown in
// site/web/lesson/<lang>/*.md, built into gen/lesson-text.js (docs/content.md).
//
// Strings may hold the small markup of math.js (rich/inline): $…$ for a
// formula, **bold**, `code`, blank lines between paragraphs. {name} is
// replaced by t(key, {name: value}).
//
// The stage's strings live in js/i18n-stage.js (exporting fr and en); they
// are merged in, so t() answers for the whole page. (A static import: a
// top-level await here held the whole lesson module back until the wasm
// module's start-up was over.)
import { escapeHTML, inline, rich, tex } from "./math.js";
import * as stageStrings from "./i18n-stage.js";
// The lesson's prose, built from site/web/lesson/<lang>/*.md (docs/content.md).
import * as prose from "../gen/lesson-text.js";
import { frenchSpaces } from "./typo.js";
import { formatReading } from "./number.js";
import { emit } from "./events.js";

const R = String.raw;

const fr = {
  "doc.title": "nnstep — les réseaux de neurones pas à pas",
  "head.title": "Les réseaux de neurones, pas à pas",
  "head.subtitle": "Chaque formule du cours, avec ses vrais nombres : touchez, avancez, vérifiez.",
  "head.lang": "Langue de la page",
  "head.skip": "Aller au contenu",
  "toc.label": "Sommaire",
  "toc.title": "Sommaire",
  "ready.wait": "Le module de calcul se charge… le texte se lit déjà.",
  "ready.fail": "Le module de calcul n’a pas pu démarrer : les démonstrations sont indisponibles.",
  "embed.unknown": "Section inconnue « {key} » : voici la première.",

  "sec.neuron": "Le neurone",
  "sec.activations": "Fonctions d’activation",
  "sec.logistic": "Régression logistique",
  "sec.network": "Réseau de neurones",
  "sec.forward": "Propagation avant",
  "sec.cost": "Coût",
  "sec.backward": "Rétropropagation",
  "sec.descent": "Descente de gradient",
  "sec.multiclass": "Multiclasse",
  "sec.pathologies": "Pathologies",

  "common.run": "Lancer",
  "common.play": "Lecture",
  "common.pause": "Pause",
  "common.reset": "Réinitialiser",
  "common.yes": "oui",
  "common.no": "non",
  "common.layer": "couche",
  "common.epoch": "époque",
  "common.iteration": "itération",
  "common.cost": "coût",
  "common.accuracy": "exactitude",
  "common.activation": "Activation",
  "common.onStage": "Sur la scène",
  "common.stageNote": "La scène (le réseau et sa frontière de décision) se trouve dans le panneau à côté ; ses réglages y sont aussi.",
  "common.stageNoteNarrow": "Pendant cette section, la scène (le réseau et sa frontière de décision) reste en haut de l’écran ; ses réglages sont en tête de page.",
  "common.stageStats": "Époque {epoch} · coût d’entraînement {loss} · exactitude d’entraînement {acc}",
  "common.notReady": "en attente du module…",

  // 1. The neuron
  "neuron.diagram": "Schéma du neurone : faites glisser un poids vers le haut ou le bas pour le changer",
  "neuron.weight": "Poids {name}",
  "neuron.input": "Entrée {name}",
  "neuron.bias": "Biais b",
  "neuron.plane": "Sortie du neurone sur le plan (x₁, x₂) ; le point est l’entrée choisie",
  "neuron.readout": "Calcul",
  "neuron.planeTitle": "Ce que calcule le neurone",

  // 2. Activations
  "act.fn": "Fonction",
  "act.alpha": "α",
  "act.alphaNone": "(pas de paramètre α)",
  "act.plot": "Courbes de f et de f′ ; zones grisées : saturation ou gradient nul",
  "act.legendF": "f(x)",
  "act.legendD": "f′(x)",
  "act.legendSat": "saturation : f′ < {p} de son maximum",
  "act.legendZero": "gradient nul : f′ = 0",
  "act.saturates": "Sature pour les grandes valeurs : {v}",
  "act.zeroGrad": "Gradient exactement nul : {v}",
  "act.zeroWhere": "pour x < 0",
  "act.zeroEverywhere": "partout (f′ = 0)",
  "act.range": "Valeurs de f sur [−6, 6] : de {lo} à {hi}",
  "act.maxD": "Plus grande dérivée : {v}",
  "act.cursor": "x = {x} · f(x) = {f} · f′(x) = {d}",

  // 3. Logistic regression
  "logistic.linear": "1. Données séparables par une droite",
  "logistic.xor": "2. Le XOR, même neurone seul",
  "logistic.hidden": "3. Le XOR avec une couche cachée (2-4-1)",
  "logistic.line": "Frontière de décision apprise : $w_1 x_1 + w_2 x_2 + b = 0$ avec $w_1 = {w1}$, $w_2 = {w2}$, $b = {b}$",
  "logistic.noLine": "Le réseau a des couches cachées : la frontière de décision n’est plus une droite.",
  "logistic.verdictGood": "La droite sépare les classes : exactitude de {a} sur les données d’entraînement (époque {e}).",
  "logistic.verdictNotYet": "La droite ne sépare pas encore les classes : exactitude de {a} (époque {e}).",
  "logistic.verdictBad": "Aucune droite ne sépare le XOR : exactitude de {a} (époque {e}), loin de 100 %.",

  // 4. Network
  "network.regression": "Régression (1 neurone identité)",
  "network.binary": "Binaire (1 neurone sigmoïde)",
  "network.multi": "Multiclasse (softmax, 3 classes)",
  "network.shapes": "Les matrices de cette architecture",
  "network.colLayer": "Couche",
  "network.colW": "W[l]",
  "network.colB": "b[l]",
  "network.colAct": "σ[l]",
  "network.total": "Paramètres à apprendre : {n}",
  "network.input": "entrée : A[0] = X, {n} caractéristiques",

  // 5–8. Step-through
  "cost.table": "Coût par exemple, sur le lot de l’itération courante",
  "cost.example": "exemple",
  "cost.yhat": "ŷ = A[L]",
  "cost.y": "y",
  "cost.ci": "Cᵢ",
  "cost.mean": "Moyenne C",
  "cost.multi": "sortie à {k} neurones : ŷ et y sont des colonnes",
  "backward.summary": "Pour résumer (diapositive 37)",
  "backward.gradcheck": "Vérification du gradient par différences finies",
  "backward.gradcheckWhy": R`Pour le réseau et le lot du pas à pas, chaque poids et chaque biais $\theta$ est déplacé de $\pm h$ et $\pm 2h$, et la dérivée est estimée à partir du coût seul : $$\frac{\partial C}{\partial \theta} \approx \frac{8(C(\theta+h) - C(\theta-h)) - (C(\theta+2h) - C(\theta-2h))}{12h}.$$ Si la rétropropagation est juste, l’écart relatif avec $dW$ et $db$ est minuscule : l’erreur de la formule est de l’ordre de $h^4$ et celle des arrondis de $10^{-16}/h$. Une dérivée fausse donnerait un écart de l’ordre de 1. Les paramètres dont le déplacement fait franchir 0 à un $Z$ d’une couche ReLU sont écartés : au coude, la différence finie n’approche pas la dérivée.`,
  "backward.gradcheckRun": "Vérifier le gradient",
  "backward.gradcheckResult": "Plus grand écart relatif : {e} sur {n} paramètres (h = {h} ; {k} écartés au coude de ReLU).",
  "backward.gradcheckWorst": "Au pire, {p} : rétropropagation {a}, différences finies {num}",
  // The derivations (js/derivations.js holds their text).
  "deriv.numbers": "Avec les nombres du pas à pas",
  "deriv.example": "L’exemple {i} du lot ({m} exemples), celui que montre la scène :",
  "deriv.exampleFirst": "L’exemple montré sur la scène (n°\u00a0{s}) n’est pas dans le lot du pas à pas : voici le premier des {m}.",
  "deriv.land": "$= {v}$ : c’est l’entrée ({r}, {c}) de ${name}$ dans le pas à pas (opération n°\u00a0{op}).",
  "deriv.landJacobian": "$= {v}$ : c’est l’entrée ({r}, {c}) de la jacobienne ci-dessus.",
  "deriv.see": "Voir l’opération",
  "deriv.noTrace": "Les nombres apparaîtront quand le module de calcul aura démarré.",
  "deriv.na.output-da": "Le pas à pas n’a pas de coût connu ici.",
  "deriv.na.sigmoid-prime": "Le réseau du pas à pas n’a pas de couche sigmoïde : choisissez une sortie binaire (sigmoïde) pour voir ces nombres.",
  "deriv.na.output-dz": "La sortie du pas à pas n’est pas ici une sigmoïde avec l’entropie croisée binaire : pour softmax, voyez la section 9 ; pour une régression, $dZ^{[L]} = dA^{[L]} * \\sigma'^{[L]}(Z^{[L]})$.",
  "deriv.na.dw": "Le pas à pas n’a pas de lot ici.",
  "deriv.na.db": "Le pas à pas n’a pas de lot ici.",
  "deriv.na.hidden-dz": "Le réseau du pas à pas n’a pas de couche cachée : ajoutez-en une pour voir ces nombres.",
  "deriv.na.softmax-jacobian": "Entrez ci-dessus un vecteur $z$ d’au moins deux nombres finis.",
  "deriv.na.softmax-ce": "Le pas à pas n’a pas ici de sortie softmax : le bouton de la spirale à 3 classes en met une sur la scène, et les nombres apparaissent alors ici.",
  "backward.gcParam": "paramètre",
  "backward.gcBackprop": "rétropropagation",
  "backward.gcNumeric": "différences finies",
  "backward.gcRel": "écart relatif",
  "backward.gcKink": "écarté (coude)",
  "backward.gcAll": "Les {n} paramètres du réseau",
  "backward.gcTop": "Les {n} paramètres (sur {total}) où l’écart relatif est le plus grand",
  "backward.gradcheckSmall": R`Pourquoi l’écart est-il si petit ? Les deux colonnes calculent la même dérivée par deux chemins indépendants : la rétropropagation applique exactement la règle de dérivation en chaîne, et la différence finie n’utilise que le coût. Il ne reste que l’erreur de la formule à cinq points, de l’ordre de $h^4 = 10^{-16}$, et les arrondis des nombres flottants, de l’ordre de $10^{-16}/h = 10^{-12}$. Une erreur dans une seule dérivée de la rétropropagation donnerait un écart de l’ordre de 1.`,
  "descent.notebook": "Le notebook « descente de gradient »",
  "descent.small": "η trop petit (0,01)",
  "descent.right": "η bien choisi (0,5)",
  "descent.large": "η trop grand (2,5)",
  "descent.eta": "Taux d’apprentissage η",
  "descent.iters": "Itérations",
  "descent.iter": "Itération affichée",
  "descent.fitPlot": "Les points et la droite ŷ = w·x + b à l’itération choisie",
  "descent.costPlot": "Le coût au fil des itérations (échelle logarithmique)",
  "descent.state": "Itération {k} : w = {w}, b = {b}, C = {c} (droite vraie : w = {tw}, b = {tb})",
  "descent.diverged": "Divergence : à l’itération {k}, {res} n’est plus un nombre fini.",
  "descent.offScale": "hors échelle : le coût diverge",
  "descent.trainStage": "Entraîner le réseau de la scène",
  "descent.vocab": "Le vocabulaire de l’entraînement",
  "descent.vocab.overfit": "1. Surapprentissage ({layers})",
  "descent.vocab.withL2": "2. Le même avec L2 (λ = {l2})",
  "descent.vocab.early": "3. Le même, arrêté à l’époque {stop}",
  "descent.vocab.costs": "Époque {e} : coût d’entraînement {train}, coût de test {test} (le plus bas : {best}, à l’époque {bestE})",

  "step.title": "Pas à pas",
  "step.here": "Le pas à pas est affiché dans la section « {sec} ».",
  "step.bring": "L’amener ici",
  "step.first": "Première opération",
  "step.prev": "Opération précédente (←)",
  "step.next": "Opération suivante (→)",
  "step.last": "Dernière opération",
  "step.play": "Lecture automatique",
  "step.pause": "Pause",
  "step.counter": "Opération {i} (de 0 à {n})",
  "step.phase": "Aller à la phase",
  "step.op": "Aller à l’opération",
  "step.batch": "Exemples dans le lot (m)",
  "step.phase.forward": "propagation avant",
  "step.phase.cost": "coût",
  "step.phase.backward": "rétropropagation",
  "step.phase.update": "mise à jour",
  "step.layer": "couche {l}",
  "step.formula": "Formule",
  "step.chain": "Règle de dérivation en chaîne",
  "step.uses": "Utilise",
  "step.fromOp": "op. {i}",
  "step.fromReq": "données",
  "step.fromParam": "paramètre",
  "step.operands": "Opérandes",
  "step.result": "Résultat",
  "step.shape": "{r}×{c}",
  "step.nonFinite": "non fini",
  "step.nextIter": "Itération suivante",
  "step.nextIterHelp": "Applique la mise à jour au réseau et recommence sur le même lot.",
  "step.history": "Coût du lot par itération",
  "step.iterCost": "itération {k} : C = {c}",
  "step.exercise": "Mode exercice : calculer le résultat soi-même",
  "step.exHelp": "Le résultat de l’opération est caché. Calculez une case ou toutes, puis vérifiez (tolérance : 1 % ou 0,005).",
  "step.exCell": "Valeur de {name} ligne {r}, colonne {c}",
  "step.check": "Vérifier",
  "step.reveal": "Montrer la solution",
  "step.exEmpty": "Entrez au moins une valeur.",
  "step.exRight": "Juste ! {n} valeur(s) correcte(s).",
  "step.exAllRight": "Tout est juste : le résultat est révélé.",
  "step.exWrong": "{n} valeur(s) fausse(s) sur {k}.",
  "step.exBad": "« {v} » n’est pas un nombre.",
  "step.hint": "Indice : {h}",
  "step.unavailable": "Le pas à pas attend le module de calcul.",
  "step.error": "Trace indisponible : {e}",
  "step.export": "Exporter",
  "step.exportJSON": "Trace (JSON)",
  "step.exportCSV": "Données du lot (CSV)",
  "step.exportPy": "Script NumPy",
  "step.exportHelp": "La trace JSON se rejoue telle quelle par POST /api/trace ; le script NumPy recalcule les mêmes nombres ; le notebook Jupyter refait chaque opération, suivie de sa vérification, et sa version exercice laisse les calculs à écrire.",
  "step.pyCheck": "écart maximal avec les valeurs de nnstep",
  "step.exportNbSolution": "Notebook Jupyter (solution)",
  "step.exportNbExercise": "Notebook Jupyter (exercice)",
  "np.title": "Écrire en NumPy",
  "np.help": "Écrivez l’expression NumPy qui calcule le résultat de cette opération ; la page l’évalue sur ses matrices et la compare au résultat, case par case (tolérance : 10⁻⁹ relatif).",
  "np.names": "Noms disponibles : {names}.",
  "np.label": "Expression NumPy de {name}",
  "np.run": "Évaluer",
  "np.empty": "Écrivez une expression, par exemple {example}.",
  "np.ok": "Juste : votre expression donne {name}.",
  "np.cells": "{n} nombre(s) sur {k} diffèrent du résultat : les cases sont marquées.",
  "np.cell": "Ligne {r}, colonne {c} : vous obtenez {got}, le résultat vaut {want}.",
  "np.shape": "Votre résultat a la forme {got}, celui de l’opération {want}.",
  "np.error": "NumPy refuse : {e}",
  "np.value": "Votre résultat",
  "np.hint.transpose": "Il manque une transposée : avec `{name}.T` à la place de `{name}`, l’expression est juste. Dans le cours, $dW^{[l]} = \\frac{1}{m} dZ^{[l]} \\cdot A^{[l-1]T}$ et $dA^{[l]} = W^{[l+1]T} \\cdot dZ^{[l+1]}$.",
  "np.hint.transposed": "Votre résultat est la transposée du bon : vérifiez l’ordre des facteurs du produit.",
  "np.hint.one_over_m": "Votre résultat vaut m fois le bon : il manque le facteur $\\frac{1}{m}$ de la moyenne sur le lot, car le coût $C$ est la moyenne des $C_i$.",
  "np.hint.extra_one_over_m": "Votre résultat est le bon divisé par m : $dA$ et $dZ$ sont calculés exemple par exemple, le $\\frac{1}{m}$ n’apparaît que dans $dW$ et $db$.",
  "np.hint.derivative": "C’est la dérivée de `{act}`, or cette couche utilise `{own}` : reprenez $\\sigma'$ dans le tableau des fonctions d’activation.",
  "np.hint.activation": "C’est `{act}`, or cette couche utilise `{own}`.",
  "np.hint.keepdims": "Votre résultat est un tableau à une dimension : ajoutez `keepdims=True` pour garder une colonne, comme $b$.",
  "np.hint.shape": "Comparez les formes des opérandes : le résultat doit avoir la forme {want}.",
  "np.hint.values": "Reprenez la formule de l’opération terme à terme.",
  "nb.title": "nnstep : une itération de descente de gradient",
  "nb.intro": "Ce notebook refait avec NumPy l’itération du pas à pas de nnstep : la propagation avant, le coût, la rétropropagation et la mise à jour. Une colonne par exemple, $A^{[0]} = X$. Chaque opération est suivie d’une vérification (np.testing.assert_allclose) contre les nombres de la page.",
  "nb.exercise": "Exercice : dans chaque cellule TODO, remplacez raise NotImplementedError(…) par le calcul de l’opération, puis exécutez le notebook de haut en bas ; les vérifications disent si c’est juste.",
  "nb.setup": "Le réseau, le lot et les paramètres de la page.",
  "nb.layer": "couche {l}",
  "nb.chain": "Règle de dérivation en chaîne :",
  "nb.todo": "calculez {name} à partir de {operands}",

  "hint.Z": "la case ({r}, {c}) de $Z^{[{l}]}$ est la ligne {r} de $W^{[{l}]}$ multipliée par la colonne {c} de $A^{[{lp}]}$, plus $b^{[{l}]}_{{r}}$.",
  "hint.A": "appliquez $\\sigma^{[{l}]}$ à la case ({r}, {c}) de $Z^{[{l}]}$.",
  "hint.Asoftmax": "softmax agit sur la colonne {c} entière de $Z^{[{l}]}$ : $e^{z_{r}} / \\sum_k e^{z_k}$.",
  "hint.prime": "appliquez la dérivée $\\sigma'$ du tableau des activations à la case ({r}, {c}) de $Z^{[{l}]}$ (ou de $A^{[{l}]}$).",
  "hint.Ci": "le coût de l’exemple {c} ne dépend que de la colonne {c} de $A^{[{l}]}$ et de $Y$.",
  "hint.C": "faites la moyenne des $C_i$ de l’opération précédente.",
  "hint.dAL": "dérivez le coût de l’exemple par rapport à $A^{[{l}]}$, case ({r}, {c}).",
  "hint.dZL": "soustrayez : $A^{[{l}]}$ moins $Y$, case ({r}, {c}).",
  "hint.dZmse": "multipliez $dA^{[{l}]}$ par $\\sigma'(Z^{[{l}]})$, case par case.",
  "hint.dA": "la case ({r}, {c}) de $dA^{[{l}]}$ est la colonne {r} de $W^{[{ln}]}$ (la ligne {r} de sa transposée) multipliée par la colonne {c} de $dZ^{[{ln}]}$.",
  "hint.dZ": "multipliez case par case : $dA^{[{l}]}$ ({r}, {c}) fois $\\sigma'(Z^{[{l}]})$ ({r}, {c}).",
  "hint.dW": "la ligne {r} de $dZ^{[{l}]}$ multipliée par la ligne {c} de $A^{[{lp}]}$ (la colonne {c} de sa transposée), divisée par $m = {m}$.",
  "hint.db": "la somme de la ligne {r} de $dZ^{[{l}]}$, divisée par $m = {m}$.",
  "hint.Wn": "$W^{[{l}]}$ ({r}, {c}) moins $\\eta = {eta}$ fois $dW^{[{l}]}$ ({r}, {c}).",
  "hint.bn": "$b^{[{l}]}_{{r}}$ moins $\\eta = {eta}$ fois $db^{[{l}]}_{{r}}$.",

  // 9. Multi-class
  "multi.input": "Vecteur z (valeurs séparées par des espaces ou des points-virgules)",
  "multi.preset": "Exemples :",
  "multi.naive": "Forme naïve : $a_i = e^{z_i} / \\sum_k e^{z_k}$",
  "multi.stable": "Forme stable : $a_i = e^{z_i - \\max(z)} / \\sum_k e^{z_k - \\max(z)}$",
  "multi.sum": "Somme : {s}",
  "multi.jacobian": "Jacobienne $\\partial a_i / \\partial z_j$ au vecteur courant",
  "multi.bad": "« {v} » n’est pas un nombre fini.",
  "multi.nanNote": "NaN : $e^{z}$ déborde en $+\\infty$ et $\\infty / \\infty$ n’est pas défini.",
  "multi.spiral": "Spirale à 3 classes sur la scène (2-16-16-3, softmax)",
  "multi.spiralNote": "Chaque classe a sa couleur ; la frontière de décision se dessine pendant l’entraînement.",

  // 10. Pathologies
  "path.vanish.title": "Disparition du gradient (vanishing gradient)",
  "path.depth": "Couches cachées",
  "path.vanish.ratio": "‖dW[1]‖ / ‖dW[L]‖ = {r}",
  "path.vanish.plot": "Norme du gradient de chaque couche (échelle logarithmique)",
  "path.dead.title": "Mort d’un neurone (dead neuron)",
  "path.bias": "Biais initial des couches cachées",
  "path.epochs": "Époques d’entraînement",
  "path.dead.row": "Couche {l} : {d} neurone(s) mort(s) sur {n} avant, {a} après ; poids modifiés pour {m} neurone(s)",
  "path.costs": "Coût : {b} avant, {a} après {e} époque(s)",
  "path.explode.title": "Explosion du gradient (exploding gradient)",
  "path.lr": "Taux d’apprentissage η",
  "path.explode.ok": "Pas de divergence en {e} époques : le coût passe de {b} à {c}.",
  "path.explode.factor": "soit {f} × ‖dW[{n}]‖",
  "path.explode.clip": "Écrêtage du gradient",
  "path.explode.noClip": "aucun",
  "path.explode.barsPlot": "Norme du gradient de chaque couche à l’initialisation (échelle logarithmique)",
  "path.explode.caught": "Divergence à l’époque {e} (pas {s}) : l’opération n°{i} ({phase}, couche {l}) produit {res}, qui n’est plus un nombre fini :",
  "path.explode.why": "Les grands gradients donnent de grandes mises à jour $W \\leftarrow W - \\eta \\, dW$ ; les poids, donc les activations et le gradient suivant, grandissent encore, jusqu’à dépasser le plus grand nombre flottant.",
  "path.explode.plot": "Coût par époque (échelle logarithmique) jusqu’à l’arrêt",
  "path.explode.noCost": "Le coût n’est plus un nombre fini dès l’époque {e} : rien à tracer.",
  "path.sat.title": "Saturation de neurones (saturated neurons)",
  "path.scale": "Échelle des poids initiaux",
  "path.sat.row": "Couche {l}, {act} : {p} des valeurs saturées, {u} neurone(s) saturé(s) sur {n}",
  "path.sat.none": "ReLU ne sature pas du côté positif (σ′ = 1 pour z > 0) : ses couches cachées restent à 0 %. La couche de sortie est une sigmoïde ; c’est elle qui sature quand les poids grandissent.",
  "path.error": "Erreur : {e}",
};

const en = {
  "doc.title": "nnstep — neural networks step by step",
  "head.title": "Neural networks, step by step",
  "head.subtitle": "Every formula of the course, with its real numbers: touch, step, check.",
  "head.lang": "Page language",
  "head.skip": "Skip to content",
  "toc.label": "Contents",
  "toc.title": "Contents",
  "ready.wait": "The computing module is loading… the text can already be read.",
  "ready.fail": "The computing module could not start: the demonstrations are unavailable.",
  "embed.unknown": "Unknown section “{key}”: here is the first one.",

  "sec.neuron": "The neuron",
  "sec.activations": "Activation functions",
  "sec.logistic": "Logistic regression",
  "sec.network": "Neural network",
  "sec.forward": "Forward propagation",
  "sec.cost": "Cost",
  "sec.backward": "Backpropagation",
  "sec.descent": "Gradient descent",
  "sec.multiclass": "Multi-class",
  "sec.pathologies": "Pathologies",

  "common.run": "Run",
  "common.play": "Play",
  "common.pause": "Pause",
  "common.reset": "Reset",
  "common.yes": "yes",
  "common.no": "no",
  "common.layer": "layer",
  "common.epoch": "epoch",
  "common.iteration": "iteration",
  "common.cost": "cost",
  "common.accuracy": "accuracy",
  "common.activation": "Activation",
  "common.onStage": "On the stage",
  "common.stageNote": "The stage (the network and its decision boundary) is in the panel alongside; its settings are there too.",
  "common.stageNoteNarrow": "During this section the stage (the network and its decision boundary) stays at the top of the screen; its settings are at the top of the page.",
  "common.stageStats": "Epoch {epoch} · training cost {loss} · training accuracy {acc}",
  "common.notReady": "waiting for the module…",

  "neuron.diagram": "Diagram of the neuron: drag a weight up or down to change it",
  "neuron.weight": "Weight {name}",
  "neuron.input": "Input {name}",
  "neuron.bias": "Bias b",
  "neuron.plane": "The neuron's output over the (x₁, x₂) plane; the dot is the chosen input",
  "neuron.readout": "Computation",
  "neuron.planeTitle": "What the neuron computes",

  "act.fn": "Function",
  "act.alpha": "α",
  "act.alphaNone": "(no α parameter)",
  "act.plot": "Curves of f and f′; shaded: saturation or zero gradient",
  "act.legendF": "f(x)",
  "act.legendD": "f′(x)",
  "act.legendSat": "saturation: f′ < {p} of its maximum",
  "act.legendZero": "zero gradient: f′ = 0",
  "act.saturates": "Saturates for large values: {v}",
  "act.zeroGrad": "Gradient exactly zero: {v}",
  "act.zeroWhere": "for x < 0",
  "act.zeroEverywhere": "everywhere (f′ = 0)",
  "act.range": "Values of f on [−6, 6]: from {lo} to {hi}",
  "act.maxD": "Largest derivative: {v}",
  "act.cursor": "x = {x} · f(x) = {f} · f′(x) = {d}",

  "logistic.linear": "1. Data a straight line separates",
  "logistic.xor": "2. XOR, the same single neuron",
  "logistic.hidden": "3. XOR with a hidden layer (2-4-1)",
  "logistic.line": "Learnt decision boundary: $w_1 x_1 + w_2 x_2 + b = 0$ with $w_1 = {w1}$, $w_2 = {w2}$, $b = {b}$",
  "logistic.noLine": "The network has hidden layers: the decision boundary is no longer a straight line.",
  "logistic.verdictGood": "The line separates the classes: {a} accuracy on the training data (epoch {e}).",
  "logistic.verdictNotYet": "The line does not separate the classes yet: {a} accuracy (epoch {e}).",
  "logistic.verdictBad": "No straight line separates XOR: {a} accuracy (epoch {e}), far from 100 %.",

  "network.regression": "Regression (1 identity neuron)",
  "network.binary": "Binary (1 sigmoid neuron)",
  "network.multi": "Multi-class (softmax, 3 classes)",
  "network.shapes": "The matrices of this architecture",
  "network.colLayer": "Layer",
  "network.colW": "W[l]",
  "network.colB": "b[l]",
  "network.colAct": "σ[l]",
  "network.total": "Parameters to learn: {n}",
  "network.input": "input: A[0] = X, {n} features",

  "cost.table": "Cost per example, on the batch of the current iteration",
  "cost.example": "example",
  "cost.yhat": "ŷ = A[L]",
  "cost.y": "y",
  "cost.ci": "Cᵢ",
  "cost.mean": "Mean C",
  "cost.multi": "{k}-neuron output: ŷ and y are columns",
  "backward.summary": "In short (slide 37)",
  "backward.gradcheck": "Gradient check by finite differences",
  "backward.gradcheckWhy": R`For the step-through's network and batch, each weight and bias $\theta$ is moved by $\pm h$ and $\pm 2h$, and the derivative is estimated from the cost alone: $$\frac{\partial C}{\partial \theta} \approx \frac{8(C(\theta+h) - C(\theta-h)) - (C(\theta+2h) - C(\theta-2h))}{12h}.$$ If backpropagation is right, the relative difference from $dW$ and $db$ is tiny: the formula's error is of the order of $h^4$ and rounding's of $10^{-16}/h$. A wrong derivative would give a difference of the order of 1. Parameters whose nudge moves some $Z$ of a ReLU layer across 0 are left out: at the kink, a finite difference does not approximate the derivative.`,
  "backward.gradcheckRun": "Check the gradient",
  "backward.gradcheckResult": "Largest relative difference: {e} over {n} parameters (h = {h}; {k} left out at ReLU's kink).",
  "backward.gradcheckWorst": "At worst, {p}: backpropagation {a}, finite differences {num}",
  "deriv.numbers": "With the step-through’s numbers",
  "deriv.example": "Example {i} of the batch ({m} examples), the one the stage shows:",
  "deriv.exampleFirst": "The example the stage shows (#{s}) is not in the step-through’s batch: here is the first of its {m}.",
  "deriv.land": "$= {v}$: entry ({r}, {c}) of ${name}$ in the step-through (operation #{op}).",
  "deriv.landJacobian": "$= {v}$: entry ({r}, {c}) of the Jacobian above.",
  "deriv.see": "Show the operation",
  "deriv.noTrace": "The numbers will appear once the computing module has started.",
  "deriv.na.output-da": "The step-through has no known cost here.",
  "deriv.na.sigmoid-prime": "The step-through’s network has no sigmoid layer: choose a binary (sigmoid) output to see these numbers.",
  "deriv.na.output-dz": "The step-through’s output is not a sigmoid with the binary cross-entropy here: for softmax, see section 9; for a regression, $dZ^{[L]} = dA^{[L]} * \\sigma'^{[L]}(Z^{[L]})$.",
  "deriv.na.dw": "The step-through has no batch here.",
  "deriv.na.db": "The step-through has no batch here.",
  "deriv.na.hidden-dz": "The step-through’s network has no hidden layer: add one to see these numbers.",
  "deriv.na.softmax-jacobian": "Type a vector $z$ of at least two finite numbers above.",
  "deriv.na.softmax-ce": "The step-through has no softmax output here: the 3-class spiral button puts one on the stage, and the numbers then appear here.",
  "backward.gcParam": "parameter",
  "backward.gcBackprop": "backpropagation",
  "backward.gcNumeric": "finite differences",
  "backward.gcRel": "relative difference",
  "backward.gcKink": "left out (kink)",
  "backward.gcAll": "All {n} parameters of the network",
  "backward.gcTop": "The {n} parameters (out of {total}) with the largest relative difference",
  "backward.gradcheckSmall": R`Why is the difference so small? The two columns compute the same derivative along two independent paths: backpropagation applies the chain rule exactly, and the finite difference uses nothing but the cost. All that is left is the error of the five-point formula, of the order of $h^4 = 10^{-16}$, and floating-point rounding, of the order of $10^{-16}/h = 10^{-12}$. A mistake in a single derivative of backpropagation would give a difference of the order of 1.`,
  "descent.notebook": "The “gradient descent” notebook",
  "descent.small": "η too small (0.01)",
  "descent.right": "η well chosen (0.5)",
  "descent.large": "η too large (2.5)",
  "descent.eta": "Learning rate η",
  "descent.iters": "Iterations",
  "descent.iter": "Iteration shown",
  "descent.fitPlot": "The points and the line ŷ = w·x + b at the chosen iteration",
  "descent.costPlot": "The cost over the iterations (log scale)",
  "descent.state": "Iteration {k}: w = {w}, b = {b}, C = {c} (true line: w = {tw}, b = {tb})",
  "descent.diverged": "Diverged: at iteration {k}, {res} is no longer a finite number.",
  "descent.offScale": "off the scale: the cost diverges",
  "descent.trainStage": "Train the stage's network",
  "descent.vocab": "The vocabulary of training",
  "descent.vocab.overfit": "1. Overfitting ({layers})",
  "descent.vocab.withL2": "2. The same with L2 (λ = {l2})",
  "descent.vocab.early": "3. The same, stopped at epoch {stop}",
  "descent.vocab.costs": "Epoch {e}: training cost {train}, test cost {test} (lowest: {best}, at epoch {bestE})",

  "step.title": "Step by step",
  "step.here": "The step-through is shown in the section “{sec}”.",
  "step.bring": "Bring it here",
  "step.first": "First operation",
  "step.prev": "Previous operation (←)",
  "step.next": "Next operation (→)",
  "step.last": "Last operation",
  "step.play": "Play",
  "step.pause": "Pause",
  "step.counter": "Operation {i} (0 to {n})",
  "step.phase": "Go to phase",
  "step.op": "Go to operation",
  "step.batch": "Examples in the batch (m)",
  "step.phase.forward": "forward pass",
  "step.phase.cost": "cost",
  "step.phase.backward": "backward pass",
  "step.phase.update": "update",
  "step.layer": "layer {l}",
  "step.formula": "Formula",
  "step.chain": "Chain rule",
  "step.uses": "Uses",
  "step.fromOp": "op. {i}",
  "step.fromReq": "data",
  "step.fromParam": "parameter",
  "step.operands": "Operands",
  "step.result": "Result",
  "step.shape": "{r}×{c}",
  "step.nonFinite": "not finite",
  "step.nextIter": "Next iteration",
  "step.nextIterHelp": "Applies the update to the network and starts again on the same batch.",
  "step.history": "Batch cost per iteration",
  "step.iterCost": "iteration {k}: C = {c}",
  "step.exercise": "Exercise mode: compute the result yourself",
  "step.exHelp": "The operation's result is hidden. Compute one cell or all of them, then check (tolerance: 1 % or 0.005).",
  "step.exCell": "Value of {name} row {r}, column {c}",
  "step.check": "Check",
  "step.reveal": "Show the answer",
  "step.exEmpty": "Enter at least one value.",
  "step.exRight": "Right! {n} correct value(s).",
  "step.exAllRight": "All right: the result is revealed.",
  "step.exWrong": "{n} wrong value(s) out of {k}.",
  "step.exBad": "“{v}” is not a number.",
  "step.hint": "Hint: {h}",
  "step.unavailable": "The step-through is waiting for the computing module.",
  "step.error": "Trace unavailable: {e}",
  "step.export": "Export",
  "step.exportJSON": "Trace (JSON)",
  "step.exportCSV": "Batch data (CSV)",
  "step.exportPy": "NumPy script",
  "step.exportHelp": "The JSON trace replays as is with POST /api/trace; the NumPy script recomputes the same numbers; the Jupyter notebook redoes each operation, followed by its check, and its exercise version leaves the computations for you to write.",
  "step.pyCheck": "largest difference from nnstep's values",
  "step.exportNbSolution": "Jupyter notebook (solution)",
  "step.exportNbExercise": "Jupyter notebook (exercise)",
  "np.title": "Write it in NumPy",
  "np.help": "Type the NumPy expression that computes this operation's result; the page evaluates it on the operation's matrices and compares it with the result, cell by cell (tolerance: 10⁻⁹ relative).",
  "np.names": "Names you can use: {names}.",
  "np.label": "NumPy expression for {name}",
  "np.run": "Run",
  "np.empty": "Type an expression, for example {example}.",
  "np.ok": "Right: your expression gives {name}.",
  "np.cells": "{n} of {k} numbers differ from the result: their cells are marked.",
  "np.cell": "Row {r}, column {c}: you get {got}, the result is {want}.",
  "np.shape": "Your result has shape {got}, the operation's has {want}.",
  "np.error": "NumPy refuses: {e}",
  "np.value": "Your result",
  "np.hint.transpose": "A transpose is missing: with `{name}.T` in place of `{name}`, the expression is right. In the lecture, $dW^{[l]} = \\frac{1}{m} dZ^{[l]} \\cdot A^{[l-1]T}$ and $dA^{[l]} = W^{[l+1]T} \\cdot dZ^{[l+1]}$.",
  "np.hint.transposed": "Your result is the transpose of the right one: check the order of the product's factors.",
  "np.hint.one_over_m": "Your result is m times the right one: the $\\frac{1}{m}$ of the mean over the batch is missing, since the cost $C$ is the mean of the $C_i$.",
  "np.hint.extra_one_over_m": "Your result is the right one divided by m: $dA$ and $dZ$ are computed example by example; the $\\frac{1}{m}$ only appears in $dW$ and $db$.",
  "np.hint.derivative": "That is the derivative of `{act}`, but this layer uses `{own}`: take $\\sigma'$ from the table of activation functions.",
  "np.hint.activation": "That is `{act}`, but this layer uses `{own}`.",
  "np.hint.keepdims": "Your result is a one-dimensional array: add `keepdims=True` to keep a column, like $b$.",
  "np.hint.shape": "Compare the operands' shapes: the result must have shape {want}.",
  "np.hint.values": "Go through the operation's formula term by term.",
  "nb.title": "nnstep: one iteration of gradient descent",
  "nb.intro": "This notebook redoes with NumPy the iteration of nnstep's step-through: the forward pass, the cost, the backward pass and the update. One column per example, $A^{[0]} = X$. Each operation is followed by a check (np.testing.assert_allclose) against the page's numbers.",
  "nb.exercise": "Exercise: in each TODO cell, replace raise NotImplementedError(…) with the operation's computation, then run the notebook from top to bottom; the checks tell you whether it is right.",
  "nb.setup": "The page's network, batch and parameters.",
  "nb.layer": "layer {l}",
  "nb.chain": "Chain rule:",
  "nb.todo": "compute {name} from {operands}",

  "hint.Z": "cell ({r}, {c}) of $Z^{[{l}]}$ is row {r} of $W^{[{l}]}$ times column {c} of $A^{[{lp}]}$, plus $b^{[{l}]}_{{r}}$.",
  "hint.A": "apply $\\sigma^{[{l}]}$ to cell ({r}, {c}) of $Z^{[{l}]}$.",
  "hint.Asoftmax": "softmax acts on the whole column {c} of $Z^{[{l}]}$: $e^{z_{r}} / \\sum_k e^{z_k}$.",
  "hint.prime": "apply the derivative $\\sigma'$ from the activation table to cell ({r}, {c}) of $Z^{[{l}]}$ (or of $A^{[{l}]}$).",
  "hint.Ci": "the cost of example {c} depends only on column {c} of $A^{[{l}]}$ and of $Y$.",
  "hint.C": "take the mean of the $C_i$ of the previous operation.",
  "hint.dAL": "differentiate the example's cost with respect to $A^{[{l}]}$, cell ({r}, {c}).",
  "hint.dZL": "subtract: $A^{[{l}]}$ minus $Y$, cell ({r}, {c}).",
  "hint.dZmse": "multiply $dA^{[{l}]}$ by $\\sigma'(Z^{[{l}]})$, cell by cell.",
  "hint.dA": "cell ({r}, {c}) of $dA^{[{l}]}$ is column {r} of $W^{[{ln}]}$ (row {r} of its transpose) times column {c} of $dZ^{[{ln}]}$.",
  "hint.dZ": "multiply cell by cell: $dA^{[{l}]}$ ({r}, {c}) times $\\sigma'(Z^{[{l}]})$ ({r}, {c}).",
  "hint.dW": "row {r} of $dZ^{[{l}]}$ times row {c} of $A^{[{lp}]}$ (column {c} of its transpose), divided by $m = {m}$.",
  "hint.db": "the sum of row {r} of $dZ^{[{l}]}$, divided by $m = {m}$.",
  "hint.Wn": "$W^{[{l}]}$ ({r}, {c}) minus $\\eta = {eta}$ times $dW^{[{l}]}$ ({r}, {c}).",
  "hint.bn": "$b^{[{l}]}_{{r}}$ minus $\\eta = {eta}$ times $db^{[{l}]}_{{r}}$.",

  "multi.input": "Vector z (values separated by spaces or semicolons)",
  "multi.preset": "Examples:",
  "multi.naive": "Naive form: $a_i = e^{z_i} / \\sum_k e^{z_k}$",
  "multi.stable": "Stable form: $a_i = e^{z_i - \\max(z)} / \\sum_k e^{z_k - \\max(z)}$",
  "multi.sum": "Sum: {s}",
  "multi.jacobian": "Jacobian $\\partial a_i / \\partial z_j$ at the current vector",
  "multi.bad": "“{v}” is not a finite number.",
  "multi.nanNote": "NaN: $e^{z}$ overflows to $+\\infty$ and $\\infty / \\infty$ is undefined.",
  "multi.spiral": "3-class spiral on the stage (2-16-16-3, softmax)",
  "multi.spiralNote": "Each class has its colour; the decision boundary forms while training.",

  "path.vanish.title": "Vanishing gradient",
  "path.depth": "Hidden layers",
  "path.vanish.ratio": "‖dW[1]‖ / ‖dW[L]‖ = {r}",
  "path.vanish.plot": "Gradient norm of each layer (log scale)",
  "path.dead.title": "Dead neurons",
  "path.bias": "Initial bias of the hidden layers",
  "path.epochs": "Training epochs",
  "path.dead.row": "Layer {l}: {d} dead neuron(s) out of {n} before, {a} after; weights changed for {m} neuron(s)",
  "path.costs": "Cost: {b} before, {a} after {e} epoch(s)",
  "path.explode.title": "Exploding gradient",
  "path.lr": "Learning rate η",
  "path.explode.ok": "No divergence in {e} epochs: the cost goes from {b} to {c}.",
  "path.explode.factor": "that is {f} × ‖dW[{n}]‖",
  "path.explode.clip": "Gradient clipping",
  "path.explode.noClip": "none",
  "path.explode.barsPlot": "Gradient norm of each layer at initialisation (log scale)",
  "path.explode.caught": "Diverged at epoch {e} (step {s}): operation #{i} ({phase}, layer {l}) produces {res}, which is no longer a finite number:",
  "path.explode.why": "The large gradients give large updates $W \\leftarrow W - \\eta \\, dW$; the weights, hence the activations and the next gradient, grow further, until they exceed the largest floating-point number.",
  "path.explode.plot": "Cost per epoch (log scale) until the stop",
  "path.explode.noCost": "The cost is no longer a finite number from epoch {e}: nothing to plot.",
  "path.sat.title": "Saturated neurons",
  "path.scale": "Scale of the initial weights",
  "path.sat.row": "Layer {l}, {act}: {p} of the values saturated, {u} saturated neuron(s) out of {n}",
  "path.sat.none": "ReLU does not saturate on the positive side (σ′ = 1 for z > 0): its hidden layers stay at 0 %. The output layer is a sigmoid; that is the one that saturates as the weights grow.",
  "path.error": "Error: {e}",
};

// The stage's strings (js/i18n-stage.js) and the lesson's, in one table.
const stage = { fr: stageStrings.fr || {}, en: stageStrings.en || {} };

// The prose's Markdown sources join the tables: t() answers for them too.
Object.assign(fr, prose.source.fr);
Object.assign(en, prose.source.en);

export const tables = { fr: { ...stage.fr, ...fr }, en: { ...stage.en, ...en } };
// The lesson's own tables, without the stage's (for the page's tests).
export const lessonTables = { fr, en };

const LANGS = ["fr", "en"];
let current = (() => {
  const q = new URLSearchParams(location.search).get("lang");
  return LANGS.includes(q) ? q : "fr";
})();
const listeners = new Set();

export function lang() {
  return current;
}

// t returns the string of key in the current language, with {name}
// placeholders filled from vars. A missing key shows the key itself, so a
// gap is visible rather than silent.
export function t(key, vars) {
  let s = tables[current][key];
  if (s === undefined) s = tables.fr[key];
  if (s === undefined) s = key;
  else if (current === "fr") s = frenchSpaces(s);
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  return s;
}

// setLang switches the page's language, keeps it in the URL and re-renders
// every element that carries data-i18n, then tells the listeners.
export function setLang(l) {
  if (!LANGS.includes(l) || l === current) return;
  current = l;
  const u = new URL(location.href);
  if (l === "fr") u.searchParams.delete("lang");
  else u.searchParams.set("lang", l);
  history.replaceState(history.state, "", u);
  // The stage's URL writer keeps the page's keys (lang, section…) too.
  emit("lang", { lang: l });
  applyI18n(document);
  for (const fn of listeners) fn(l);
}

// onLang registers fn(lang) to run after every language change.
export function onLang(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

// applyI18n fills, under root, every element carrying
//   data-i18n="key"        inline text (formulas allowed),
//   data-i18n-block="key"  paragraphs (rich text),
//   data-i18n-attr="attr:key;attr:key"  attributes (aria-label, title…).
export function applyI18n(root) {
  // Only on a change: the stage watches <html lang> to re-render itself.
  if (document.documentElement.lang !== current) document.documentElement.lang = current;
  if (document.title !== t("doc.title")) document.title = t("doc.title");
  for (const el of root.querySelectorAll("[data-i18n]")) {
    el.innerHTML = inline(t(el.dataset.i18n, vars(el)));
  }
  for (const el of root.querySelectorAll("[data-i18n-block]")) {
    el.innerHTML = block(el.dataset.i18nBlock, vars(el));
  }
  for (const el of root.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of el.dataset.i18nAttr.split(";")) {
      const [attr, key] = pair.split(":");
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim(), vars(el)));
    }
  }
}

// block returns the HTML of a text block: the prose built from Markdown
// (its formulas typeset at build time; those with a parameter, in a
// span.tex-live, once the parameters are filled), else rich text from the
// tables. Parameters are marked by U+E000 name U+E001 (site/lessontext).
export function block(key, vars) {
  const html = prose.html[current][key] ?? prose.html.fr[key];
  if (html === undefined) return rich(t(key, vars));
  return html
    .replace(/\ue000(\w+)\ue001/g, (m, k) => escapeHTML(vars && k in vars ? String(vars[k]) : `{${k}}`))
    .replace(/<span class="tex-live" data-display="([01])">([^<]*)<\/span>/g, (m, d, src) => tex(unescapeHTML(src), d === "1"));
}

function unescapeHTML(s) {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

function vars(el) {
  if (!el.dataset.i18nVars) return undefined;
  try {
    return JSON.parse(el.dataset.i18nVars);
  } catch (e) {
    return undefined;
  }
}

// fmt writes a number for reading in the page's language (js/number.js,
// formatReading: one writer for the lesson and the stage).
export function fmt(x, digits = 4) {
  return formatReading(x, digits, current);
}
