// i18n.js: every visible string of the lesson, one table per language.
// French is the default; English comes with ?lang=en or the toggle.
//
// Strings may hold the small markup of math.js (rich/inline): $…$ for a
// formula, **bold**, `code`, blank lines between paragraphs. {name} is
// replaced by t(key, {name: value}).
//
// The stage's strings live in js/i18n-stage.js (exporting fr and en); they
// are merged in, so t() answers for the whole page. (A static import: a
// top-level await here held the whole lesson module back until the wasm
// module's start-up was over.)
import { inline, rich } from "./math.js";
import * as stageStrings from "./i18n-stage.js";
import { frenchSpaces } from "./typo.js";
import { formatReading } from "./number.js";

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
  "ready.fail": "Le module de calcul n'a pas pu démarrer : les démonstrations sont indisponibles.",
  "embed.unknown": "Section inconnue « {key} » : voici la première.",

  "sec.neuron": "Le neurone",
  "sec.activations": "Fonctions d'activation",
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
  "common.stageStats": "Époque {epoch} · coût d'entraînement {loss} · exactitude d'entraînement {acc}",
  "common.notReady": "en attente du module…",

  // 1. The neuron
  "neuron.intro": R`Un neurone biologique reçoit l'influx nerveux d'autres neurones par ses dendrites. Il **évalue l'ensemble de la stimulation reçue** et, si elle est suffisante, il est excité : il transmet un signal le long de son axone jusqu'aux neurones qui lui sont connectés.

Le neurone artificiel en est une version schématique. Il reçoit des entrées $x_1, \dots, x_n$, les pondère par des poids $w_1, \dots, w_n$, ajoute un biais $b$ puis applique une fonction d'activation $\sigma$ :

$$z = \mathbf{w}^T \cdot \mathbf{x} + b = \sum_{i=1}^{n} w_i x_i + b \qquad a = \sigma(z)$$

Faites glisser les poids (ou utilisez les flèches du clavier sur un poids) : la sortie change, et la carte montre ce que le neurone calcule en chaque point du plan $(x_1, x_2)$. Sur la droite $w_1 x_1 + w_2 x_2 + b = 0$, $z$ change de signe.`,
  "neuron.diagram": "Schéma du neurone : faites glisser un poids vers le haut ou le bas pour le changer",
  "neuron.weight": "Poids {name}",
  "neuron.input": "Entrée {name}",
  "neuron.bias": "Biais b",
  "neuron.plane": "Sortie du neurone sur le plan (x₁, x₂) ; le point est l'entrée choisie",
  "neuron.readout": "Calcul",
  "neuron.planeTitle": "Ce que calcule le neurone",

  // 2. Activations
  "act.intro": R`Après la somme pondérée, chaque couche applique une fonction d'activation $\sigma$. Comme le réseau apprend par **descente de gradient**, le comportement de la dérivée $f'$ compte autant que celui de $f$ : c'est elle qui transporte l'erreur vers les premières couches.

La sigmoïde ramène les grandes valeurs d'entrée entre 0 et 1 : une forte variation de l'entrée n'entraîne plus qu'une variation mineure de la sortie, et la dérivée est plus petite encore. Choisissez une fonction du tableau du cours (ou le Leaky ReLU) : $f$ et $f'$ sont tracées, avec les zones de saturation (la dérivée y est presque nulle) et celles où le gradient est exactement nul.

L'échelon a une dérivée nulle pour $x \neq 0$ et n'est pas dérivable en 0 : aucun gradient ne le traverse, on ne l'entraîne donc pas par descente de gradient. ReLU n'est pas dérivable en 0 non plus ; $\text{ReLU}'(0) = 1$ est une convention, comme dans le cours. Leaky ReLU et PReLU ont la même formule $\alpha x$ pour $x < 0$ : PReLU **apprend** son $\alpha$ avec les poids, alors qu'ici PReLU est un Leaky ReLU de pente fixe $\alpha = {alphaPrelu}$ par défaut ($\alpha = {alphaLeaky}$ pour Leaky ReLU).`,
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
  "logistic.intro": R`Rappel : la régression logistique, c'est **un seul neurone à activation sigmoïde**, entraîné par descente de gradient avec l'entropie croisée :

$$\hat{y} = \sigma(w_1 x_1 + w_2 x_2 + b) = \frac{1}{1 + e^{-(w_1 x_1 + w_2 x_2 + b)}}$$

Elle prédit la classe 1 quand $\hat{y} \geq 0{,}5$, c'est-à-dire quand $w_1 x_1 + w_2 x_2 + b \geq 0$ : **la frontière de décision est une droite**. Si les données sont linéairement séparables, cela suffit. Sur le XOR, aucune droite ne convient : il faudra des couches cachées.`,
  "logistic.linear": "1. Données séparables par une droite",
  "logistic.xor": "2. Le XOR, même neurone seul",
  "logistic.hidden": "3. Le XOR avec une couche cachée (2-4-1)",
  "logistic.line": "Frontière de décision apprise : $w_1 x_1 + w_2 x_2 + b = 0$ avec $w_1 = {w1}$, $w_2 = {w2}$, $b = {b}$",
  "logistic.noLine": "Le réseau a des couches cachées : la frontière de décision n'est plus une droite.",
  "logistic.verdictGood": "La droite sépare les classes : exactitude de {a} sur les données d'entraînement (époque {e}).",
  "logistic.verdictNotYet": "La droite ne sépare pas encore les classes : exactitude de {a} (époque {e}).",
  "logistic.verdictBad": "Aucune droite ne sépare le XOR : exactitude de {a} (époque {e}), loin de 100 %.",

  // 4. Network
  "network.intro": R`Un réseau de neurones se compose :

- d'une **couche d'entrée** qui reçoit les caractéristiques (features), les variables prédictives ;
- d'un nombre arbitraire de **couches cachées** ;
- d'une **couche de sortie** $\hat{y}$, qui contient la variable à prédire ;
- d'un ensemble de **poids** $W$ et de **biais** $b$ entre chaque couche ;
- d'une **fonction d'activation** $\sigma$ choisie pour chaque couche.

La couche de sortie a autant de neurones que le problème a de sorties : **régression**, un seul neurone (identité) ; **classification binaire**, un seul neurone dont l'activation sépare les deux classes (sigmoïde) ; **multiclasse**, un neurone par classe et la fonction softmax, qui donne la probabilité de chaque classe.

Modifiez l'architecture dans le panneau de la scène (couches, neurones, activation par couche), ou partez d'un des trois exemples.`,
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
  "forward.intro": R`Chaque neurone $i$ de la couche $l$ calcule $z_i^{[l]} = \mathbf{w}_i^T \cdot \mathbf{a}^{[l-1]} + b_i$ puis $a_i^{[l]} = \sigma^{[l]}(z_i^{[l]})$. En notation matricielle, avec **un exemple par colonne** :

$$Z^{[l]} = W^{[l]} \cdot A^{[l-1]} + b^{[l]} \qquad A^{[l]} = \sigma^{[l]}(Z^{[l]}) \qquad A^{[0]} = X$$

Le biais $b^{[l]}$ est ajouté à chaque colonne. La dernière couche donne le résultat $\hat{y} = A^{[L]}$. Avancez opération par opération : chaque matrice est la vraie, calculée par le code même qui entraîne le réseau de la scène, sur un petit lot d'exemples.`,
  "cost.intro": R`La rétropropagation commence par mesurer l'écart entre la prédiction et la valeur réelle : le **coût**. Pour une classification binaire, c'est l'entropie croisée, calculée pour chaque exemple $i$ du lot :

$$C_i = -y_i \log \hat{y}_i - (1 - y_i) \log(1 - \hat{y}_i)$$

puis moyennée sur les $m$ exemples : $C = \frac{1}{m} \sum_{i=1}^{m} C_i$. Un exemple bien classé avec une forte confiance ne coûte presque rien ; un exemple mal classé avec une forte confiance coûte très cher.

Avec $K$ classes et une sortie softmax, c'est l'entropie croisée catégorielle, où $y_{k,i}$ vaut 1 pour la classe de l'exemple $i$ et 0 pour les autres :

$$C_i = -\sum_{k=1}^{K} y_{k,i} \log \hat{y}_{k,i}$$

En régression, c'est le coût quadratique $C_i = \frac{1}{2}(\hat{y}_i - y_i)^2$.`,
  "cost.table": "Coût par exemple, sur le lot de l'itération courante",
  "cost.example": "exemple",
  "cost.yhat": "ŷ = A[L]",
  "cost.y": "y",
  "cost.ci": "Cᵢ",
  "cost.mean": "Moyenne C",
  "cost.multi": "sortie à {k} neurones : ŷ et y sont des colonnes",
  "backward.intro": R`Il faut maintenant reporter l'erreur sur tout le réseau : calculer la dérivée du coût par rapport à chaque poids et à chaque biais, en repartant de la sortie jusqu'à la couche 1. L'outil est la **règle de dérivation en chaîne**, $\frac{dy}{dx} = \frac{dy}{du} \frac{du}{dx}$ : $C$ dépend de $A^{[2]}$, qui dépend de $Z^{[2]}$, qui dépend de $W^{[2]}$ et de $b^{[2]}$.

Pour la couche de sortie, $\frac{\partial C}{\partial A^{[L]}} = \frac{-y}{A^{[L]}} + \frac{1-y}{1-A^{[L]}}$ ; multiplié par $\sigma'(Z^{[L]}) = A^{[L]}(1 - A^{[L]})$, tout se simplifie en $dZ^{[L]} = A^{[L]} - Y$. Pour une couche cachée, $dZ^{[l]} = W^{[l+1]T} \cdot dZ^{[l+1]} * \sigma'^{[l]}(Z^{[l]})$, où $*$ est le produit élément par élément. Enfin, comme $C$ est une moyenne sur les $m$ exemples :

$$dW^{[l]} = \frac{1}{m} \, dZ^{[l]} \cdot A^{[l-1]T} \qquad db^{[l]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[l]}_{:,i}$$

Ici $dZ^{[l]}$ est la dérivée par exemple : sa colonne $i$ vaut $\frac{\partial C_i}{\partial Z^{[l]}}$, où $C_i$ est le coût de l'exemple $i$ ; le facteur $\frac{1}{m}$ de la moyenne n'apparaît que dans $dW$ et $db$. La diapositive 37 traite un seul exemple ($m = 1$). Avec softmax et l'entropie croisée catégorielle $C_i = -\sum_k y_k \log A^{[L]}_k$, on obtient aussi $dZ^{[L]} = A^{[L]} - Y$. En régression, avec $C_i = \frac{1}{2}(A^{[L]} - y)^2$, $dA^{[L]} = A^{[L]} - Y$ et $dZ^{[L]} = dA^{[L]} * \sigma'^{[L]}(Z^{[L]})$.

Le pas à pas montre l'itération sans régularisation ($\lambda = 0$) : la pénalité L2 que la scène peut ajouter au coût n'y figure pas.`,
  "backward.summary": "Pour résumer (diapositive 37)",
  "backward.gradcheck": "Vérification du gradient par différences finies",
  "backward.gradcheckWhy": R`Pour le réseau et le lot du pas à pas, chaque poids et chaque biais $\theta$ est déplacé de $\pm h$ et $\pm 2h$, et la dérivée est estimée à partir du coût seul : $$\frac{\partial C}{\partial \theta} \approx \frac{8(C(\theta+h) - C(\theta-h)) - (C(\theta+2h) - C(\theta-2h))}{12h}.$$ Si la rétropropagation est juste, l'écart relatif avec $dW$ et $db$ est minuscule : l'erreur de la formule est de l'ordre de $h^4$ et celle des arrondis de $10^{-16}/h$. Une dérivée fausse donnerait un écart de l'ordre de 1. Les paramètres dont le déplacement fait franchir 0 à un $Z$ d'une couche ReLU sont écartés : au coude, la différence finie n'approche pas la dérivée.`,
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
  "backward.gcTop": "Les {n} paramètres (sur {total}) où l'écart relatif est le plus grand",
  "backward.gradcheckSmall": R`Pourquoi l'écart est-il si petit ? Les deux colonnes calculent la même dérivée par deux chemins indépendants : la rétropropagation applique exactement la règle de dérivation en chaîne, et la différence finie n'utilise que le coût. Il ne reste que l'erreur de la formule à cinq points, de l'ordre de $h^4 = 10^{-16}$, et les arrondis des nombres flottants, de l'ordre de $10^{-16}/h = 10^{-12}$. Une erreur dans une seule dérivée de la rétropropagation donnerait un écart de l'ordre de 1.`,
  "descent.intro": R`Il suffit ensuite d'utiliser les dérivées calculées et de reporter les modifications, de la dernière couche à la première :

$$W^{[l]} \leftarrow W^{[l]} - \eta \, dW^{[l]} \qquad b^{[l]} \leftarrow b^{[l]} - \eta \, db^{[l]}$$

$\eta$ est le **taux d'apprentissage**. Une itération, c'est la propagation avant, le coût, la rétropropagation et la mise à jour. Après la dernière opération, lancez l'itération suivante : le coût du lot baisse. Puis lancez l'entraînement complet sur la scène et regardez la frontière de décision se courber.`,
  "descent.notebook": "Le notebook « descente de gradient »",
  "descent.nbIntro": R`Un seul neurone linéaire (activation identité, coût quadratique $C = \frac{1}{2m} \sum (A - y)^2$) ajusté à des points bruités autour d'une droite : $\hat{y} = w x + b$. Avec un taux trop petit, le coût baisse à peine ; bien choisi, la droite se cale en quelques itérations ; trop grand, chaque pas dépasse le minimum et le coût explose.`,
  "descent.small": "η trop petit (0,01)",
  "descent.right": "η bien choisi (0,5)",
  "descent.large": "η trop grand (2,5)",
  "descent.eta": "Taux d'apprentissage η",
  "descent.iters": "Itérations",
  "descent.iter": "Itération affichée",
  "descent.fitPlot": "Les points et la droite ŷ = w·x + b à l'itération choisie",
  "descent.costPlot": "Le coût au fil des itérations (échelle logarithmique)",
  "descent.state": "Itération {k} : w = {w}, b = {b}, C = {c} (droite vraie : w = {tw}, b = {tb})",
  "descent.diverged": "Divergence : à l'itération {k}, {res} n'est plus un nombre fini.",
  "descent.offScale": "hors échelle : le coût diverge",
  "descent.trainStage": "Entraîner le réseau de la scène",
  "descent.vocab": "Le vocabulaire de l'entraînement",
  "descent.vocab.batch": R`**Lot, mini-lot, descente stochastique.** Chaque pas de gradient utilise un lot d'exemples, dont la scène fixe la taille (réglage « {control} »). Avec tout l'ensemble d'entraînement (0), c'est la descente de gradient **par lot** : le gradient est exact, mais chaque pas demande un passage complet sur les données. Avec quelques exemples (10 par défaut), c'est la descente **par mini-lot**. Avec un seul exemple (1), c'est la descente de gradient **stochastique** (SGD) : des pas nombreux, peu coûteux et bruités.`,
  "descent.vocab.epoch": R`**Itération et époque.** Une itération est un pas : propagation avant, coût, rétropropagation et mise à jour, sur un lot ; le pas à pas ci-dessus en montre une. Une époque est un passage sur tout l'ensemble d'entraînement : avec $m$ exemples et des lots de $b$ exemples, elle compte $\lceil m / b \rceil$ itérations. La scène compte les époques (« {control} »).`,
  "descent.vocab.split": R`**Ensembles d'entraînement et de test.** La scène met de côté une partie des exemples (réglage « {control} ») : le réseau n'apprend que sur l'ensemble d'entraînement, et le coût sur l'ensemble de test mesure ce qu'il a appris de général. Si le coût d'entraînement continue de baisser alors que le coût de test remonte, le réseau **surapprend** (*overfitting*) : il apprend le bruit des exemples plutôt que leur forme. Deux remèdes : la **régularisation L2**, qui ajoute $\frac{\lambda}{2m} \sum_l \lVert W^{[l]} \rVert^2$ au coût et pénalise ainsi les grands poids (« {l2} »), et l'**arrêt précoce**, qui arrête l'entraînement avant que le coût de test ne remonte (« {stop} »). Essayez sur la spirale bruitée :`,
  "descent.vocab.overfit": "1. Surapprentissage ({layers})",
  "descent.vocab.withL2": "2. Le même avec L2 (λ = {l2})",
  "descent.vocab.early": "3. Le même, arrêté à l'époque {stop}",
  "descent.vocab.costs": "Époque {e} : coût d'entraînement {train}, coût de test {test} (le plus bas : {best}, à l'époque {bestE})",
  "descent.vocab.init": R`**Initialisation aléatoire.** Les poids de départ sont tirés au hasard (réglage « {control} »), avec une variance adaptée à la taille des couches, et les biais valent 0. Si tous les poids d'une couche étaient égaux, ses neurones calculeraient la même chose et recevraient le même gradient : ils resteraient égaux après chaque mise à jour, et la couche ne ferait pas mieux qu'un seul neurone. Le hasard brise cette symétrie.`,

  "step.title": "Pas à pas",
  "step.here": "Le pas à pas est affiché dans la section « {sec} ».",
  "step.bring": "L'amener ici",
  "step.first": "Première opération",
  "step.prev": "Opération précédente (←)",
  "step.next": "Opération suivante (→)",
  "step.last": "Dernière opération",
  "step.play": "Lecture automatique",
  "step.pause": "Pause",
  "step.counter": "Opération {i} (de 0 à {n})",
  "step.phase": "Aller à la phase",
  "step.op": "Aller à l'opération",
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
  "step.exHelp": "Le résultat de l'opération est caché. Calculez une case ou toutes, puis vérifiez (tolérance : 1 % ou 0,005).",
  "step.exCell": "Valeur de {name} ligne {r}, colonne {c}",
  "step.check": "Vérifier",
  "step.reveal": "Montrer la solution",
  "step.exEmpty": "Entrez au moins une valeur.",
  "step.exRight": "Juste ! {n} valeur(s) correcte(s).",
  "step.exAllRight": "Tout est juste : le résultat est révélé.",
  "step.exWrong": "{n} valeur(s) fausse(s) sur {k}.",
  "step.exBad": "« {v} » n'est pas un nombre.",
  "step.hint": "Indice : {h}",
  "step.unavailable": "Le pas à pas attend le module de calcul.",
  "step.error": "Trace indisponible : {e}",
  "step.export": "Exporter",
  "step.exportJSON": "Trace (JSON)",
  "step.exportCSV": "Données du lot (CSV)",
  "step.exportPy": "Script NumPy",
  "step.exportHelp": "La trace JSON se rejoue telle quelle par POST /api/trace ; le script NumPy recalcule les mêmes nombres.",
  "step.pyCheck": "écart maximal avec les valeurs de nnstep",

  "hint.Z": "la case ({r}, {c}) de $Z^{[{l}]}$ est la ligne {r} de $W^{[{l}]}$ multipliée par la colonne {c} de $A^{[{lp}]}$, plus $b^{[{l}]}_{{r}}$.",
  "hint.A": "appliquez $\\sigma^{[{l}]}$ à la case ({r}, {c}) de $Z^{[{l}]}$.",
  "hint.Asoftmax": "softmax agit sur la colonne {c} entière de $Z^{[{l}]}$ : $e^{z_{r}} / \\sum_k e^{z_k}$.",
  "hint.prime": "appliquez la dérivée $\\sigma'$ du tableau des activations à la case ({r}, {c}) de $Z^{[{l}]}$ (ou de $A^{[{l}]}$).",
  "hint.Ci": "le coût de l'exemple {c} ne dépend que de la colonne {c} de $A^{[{l}]}$ et de $Y$.",
  "hint.C": "faites la moyenne des $C_i$ de l'opération précédente.",
  "hint.dAL": "dérivez le coût de l'exemple par rapport à $A^{[{l}]}$, case ({r}, {c}).",
  "hint.dZL": "soustrayez : $A^{[{l}]}$ moins $Y$, case ({r}, {c}).",
  "hint.dZmse": "multipliez $dA^{[{l}]}$ par $\\sigma'(Z^{[{l}]})$, case par case.",
  "hint.dA": "la case ({r}, {c}) de $dA^{[{l}]}$ est la colonne {r} de $W^{[{ln}]}$ (la ligne {r} de sa transposée) multipliée par la colonne {c} de $dZ^{[{ln}]}$.",
  "hint.dZ": "multipliez case par case : $dA^{[{l}]}$ ({r}, {c}) fois $\\sigma'(Z^{[{l}]})$ ({r}, {c}).",
  "hint.dW": "la ligne {r} de $dZ^{[{l}]}$ multipliée par la ligne {c} de $A^{[{lp}]}$ (la colonne {c} de sa transposée), divisée par $m = {m}$.",
  "hint.db": "la somme de la ligne {r} de $dZ^{[{l}]}$, divisée par $m = {m}$.",
  "hint.Wn": "$W^{[{l}]}$ ({r}, {c}) moins $\\eta = {eta}$ fois $dW^{[{l}]}$ ({r}, {c}).",
  "hint.bn": "$b^{[{l}]}_{{r}}$ moins $\\eta = {eta}$ fois $db^{[{l}]}_{{r}}$.",

  // 9. Multi-class
  "multi.intro": R`Jusqu'ici, la classification était binaire. Pour $K$ classes, la couche de sortie a un neurone par classe et l'activation **softmax**, qui transforme un vecteur $\mathbf{z}$ de dimension $K$ en probabilités comprises entre 0 et 1 dont la somme vaut 1 :

$$a_i = \frac{e^{z_i}}{\sum_{k=1}^{K} e^{z_k}} \quad \text{pour } i = 1 \dots K, \qquad \sum_{i=1}^{K} a_i = 1$$

Calculée telle quelle, elle est **instable** : $e^{4000}$ dépasse le plus grand nombre flottant, et $\infty / \infty$ donne NaN. On multiplie le numérateur et le dénominateur par la même constante $e^{-\max(z)}$, ce qui ne change pas le résultat :

$$a_i = \frac{e^{z_i - \max(z)}}{\sum_{k=1}^{K} e^{z_k - \max(z)}}$$

Sa dérivée est une matrice, la jacobienne : $\frac{\partial a_i}{\partial z_j} = a_i (1 - a_i)$ si $i = j$, et $-a_i a_j$ sinon. Avec l'entropie croisée, tout se simplifie encore : $dZ^{[L]} = A^{[L]} - Y$.`,
  "multi.input": "Vecteur z (valeurs séparées par des espaces ou des points-virgules)",
  "multi.preset": "Exemples :",
  "multi.naive": "Forme naïve : $a_i = e^{z_i} / \\sum_k e^{z_k}$",
  "multi.stable": "Forme stable : $a_i = e^{z_i - \\max(z)} / \\sum_k e^{z_k - \\max(z)}$",
  "multi.sum": "Somme : {s}",
  "multi.jacobian": "Jacobienne $\\partial a_i / \\partial z_j$ au vecteur courant",
  "multi.bad": "« {v} » n'est pas un nombre fini.",
  "multi.nanNote": "NaN : $e^{z}$ déborde en $+\\infty$ et $\\infty / \\infty$ n'est pas défini.",
  "multi.spiral": "Spirale à 3 classes sur la scène (2-16-16-3, softmax)",
  "multi.spiralNote": "Chaque classe a sa couleur ; la frontière de décision se dessine pendant l'entraînement.",

  // 10. Pathologies
  "path.intro": R`Le comportement des dérivées des fonctions d'activation a des conséquences sur l'apprentissage. Quatre démonstrations, chacune avec son diagnostic calculé sur un vrai réseau.`,
  "path.vanish.title": "Disparition du gradient (vanishing gradient)",
  "path.vanish.text": R`Dans un réseau de nombreuses couches, le gradient qui arrive aux premières couches est un produit de nombreux facteurs $\sigma'$. Avec la sigmoïde, $\sigma' \leq \frac{1}{4}$ : le gradient fond de couche en couche, et les poids des premières couches ne sont plus mis à jour efficacement. Les barres montrent $\lVert dW^{[l]} \rVert$ pour chaque couche, à l'initialisation, sur les données moons.`,
  "path.depth": "Couches cachées",
  "path.vanish.ratio": "‖dW[1]‖ / ‖dW[L]‖ = {r}",
  "path.vanish.plot": "Norme du gradient de chaque couche (échelle logarithmique)",
  "path.dead.title": "Mort d'un neurone (dead neuron)",
  "path.dead.text": R`Un neurone ReLU dont l'entrée est négative pour **tous** les exemples renvoie 0 et sa dérivée est 0 : aucune erreur ne le traverse, ses poids ne sont plus mis à jour, et les neurones qui le suivent ne reçoivent plus rien de lui. Ici, les biais des couches cachées démarrent à une valeur négative. Le Leaky ReLU garde une petite pente $\alpha$ pour $x < 0$ : ses neurones ne meurent pas.`,
  "path.bias": "Biais initial des couches cachées",
  "path.epochs": "Époques d'entraînement",
  "path.dead.row": "Couche {l} : {d} neurone(s) mort(s) sur {n} avant, {a} après ; poids modifiés pour {m} neurone(s)",
  "path.costs": "Coût : {b} avant, {a} après {e} époque(s)",
  "path.explode.title": "Explosion du gradient (exploding gradient)",
  "path.explode.text": R`De grands gradients d'erreur s'accumulent et entraînent de grandes mises à jour des poids : le réseau devient instable, et les valeurs finissent remplacées par des NaN. Le problème se pose surtout quand le réseau a beaucoup de couches. D'une couche à la précédente, la rétropropagation multiplie le gradient par $W^{[l+1]T}$ puis par $\sigma'^{[l]}(Z^{[l]})$ : si ces facteurs dépassent 1, le gradient grandit en remontant vers l'entrée. Ici, des couches cachées tanh de 32 neurones (sortie identité, coût quadratique, données plane) dont les poids initiaux sont multipliés par l'échelle choisie. Les barres donnent $\lVert dW^{[l]} \rVert$ à l'initialisation : chaque couche multiplie la norme par un facteur, et le rapport $\lVert dW^{[1]} \rVert / \lVert dW^{[L]} \rVert$ est le produit de ces facteurs. Puis le réseau est entraîné 30 époques ; nnstep s'arrête **à la première opération qui produit une valeur non finie** et la nomme.`,
  "path.lr": "Taux d'apprentissage η",
  "path.explode.ok": "Pas de divergence en {e} époques : le coût passe de {b} à {c}.",
  "path.explode.factor": "soit {f} × ‖dW[{n}]‖",
  "path.explode.clip": "Écrêtage du gradient",
  "path.explode.noClip": "aucun",
  "path.explode.barsPlot": "Norme du gradient de chaque couche à l'initialisation (échelle logarithmique)",
  "path.explode.remedies": R`Trois remèdes, à essayer ci-dessus :

- **un taux d'apprentissage plus petit** : chaque mise à jour reste petite, même quand le gradient est grand ;
- **une bonne initialisation** : à l'échelle × 1, les poids initiaux ont la variance $\frac{2}{n_{l-1} + n_l}$ (Xavier), qui garde les facteurs proches de 1 ;
- **l'écrêtage du gradient** (*gradient clipping*) : si la norme du gradient complet $g$ (tous les $dW$ et $db$) dépasse un seuil $c$, on le ramène à $g \leftarrow c \, g / \lVert g \rVert$ avant la mise à jour, sans changer sa direction.`,
  "path.explode.caught": "Divergence à l'époque {e} (pas {s}) : l'opération n°{i} ({phase}, couche {l}) produit {res}, qui n'est plus un nombre fini :",
  "path.explode.why": "Les grands gradients donnent de grandes mises à jour $W \\leftarrow W - \\eta \\, dW$ ; les poids, donc les activations et le gradient suivant, grandissent encore, jusqu'à dépasser le plus grand nombre flottant.",
  "path.explode.plot": "Coût par époque (échelle logarithmique) jusqu'à l'arrêt",
  "path.explode.noCost": "Le coût n’est plus un nombre fini dès l’époque {e} : rien à tracer.",
  "path.sat.title": "Saturation de neurones (saturated neurons)",
  "path.sat.text": R`Avec la sigmoïde et tanh, les grandes valeurs (ou les très petites) atteignent un plateau et ne changent plus lors de la propagation : la sortie reste à 0 ou 1 et $\sigma' \approx 0$. Multipliez les poids initiaux d'un réseau 2-8-8-1 : la part des couples (neurone, exemple) où $\sigma'$ est sous {p} de son maximum augmente. C'est pourquoi on préfère ReLU ou Leaky ReLU en apprentissage profond.`,
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

  "neuron.intro": R`A biological neuron receives nerve impulses from other neurons through its dendrites. It **weighs up all the stimulation it receives** and, if that is enough, it fires: it sends a signal along its axon to the neurons connected to it.

The artificial neuron is a schematic version of it. It takes inputs $x_1, \dots, x_n$, weights them by $w_1, \dots, w_n$, adds a bias $b$ and applies an activation function $\sigma$:

$$z = \mathbf{w}^T \cdot \mathbf{x} + b = \sum_{i=1}^{n} w_i x_i + b \qquad a = \sigma(z)$$

Drag the weights (or use the arrow keys on a weight): the output changes, and the map shows what the neuron computes at every point of the $(x_1, x_2)$ plane. On the line $w_1 x_1 + w_2 x_2 + b = 0$, $z$ changes sign.`,
  "neuron.diagram": "Diagram of the neuron: drag a weight up or down to change it",
  "neuron.weight": "Weight {name}",
  "neuron.input": "Input {name}",
  "neuron.bias": "Bias b",
  "neuron.plane": "The neuron's output over the (x₁, x₂) plane; the dot is the chosen input",
  "neuron.readout": "Computation",
  "neuron.planeTitle": "What the neuron computes",

  "act.intro": R`After the weighted sum, each layer applies an activation function $\sigma$. Since the network learns by **gradient descent**, how the derivative $f'$ behaves matters as much as $f$ itself: it is what carries the error back to the first layers.

The sigmoid squeezes large inputs between 0 and 1: a big change of the input brings only a minor change of the output, and the derivative is smaller still. Pick a function of the course's table (or Leaky ReLU): $f$ and $f'$ are drawn, with the regions where it saturates (the derivative is almost zero there) and those where the gradient is exactly zero.

The binary step's derivative is 0 for $x \neq 0$ and it is not differentiable at 0: no gradient flows through it, so it is not trained by gradient descent. ReLU is not differentiable at 0 either; $\text{ReLU}'(0) = 1$ is a convention, as in the course. Leaky ReLU and PReLU share the formula $\alpha x$ for $x < 0$: PReLU **learns** its $\alpha$ along with the weights, whereas here PReLU is a Leaky ReLU with a fixed slope, $\alpha = {alphaPrelu}$ by default ($\alpha = {alphaLeaky}$ for Leaky ReLU).`,
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

  "logistic.intro": R`A reminder: logistic regression is **one neuron with a sigmoid activation**, trained by gradient descent with the cross-entropy:

$$\hat{y} = \sigma(w_1 x_1 + w_2 x_2 + b) = \frac{1}{1 + e^{-(w_1 x_1 + w_2 x_2 + b)}}$$

It predicts class 1 when $\hat{y} \geq 0.5$, that is when $w_1 x_1 + w_2 x_2 + b \geq 0$: **the decision boundary is a straight line**. If the data are linearly separable, that is enough. On XOR no line will do: hidden layers are needed.`,
  "logistic.linear": "1. Data a straight line separates",
  "logistic.xor": "2. XOR, the same single neuron",
  "logistic.hidden": "3. XOR with a hidden layer (2-4-1)",
  "logistic.line": "Learnt decision boundary: $w_1 x_1 + w_2 x_2 + b = 0$ with $w_1 = {w1}$, $w_2 = {w2}$, $b = {b}$",
  "logistic.noLine": "The network has hidden layers: the decision boundary is no longer a straight line.",
  "logistic.verdictGood": "The line separates the classes: {a} accuracy on the training data (epoch {e}).",
  "logistic.verdictNotYet": "The line does not separate the classes yet: {a} accuracy (epoch {e}).",
  "logistic.verdictBad": "No straight line separates XOR: {a} accuracy (epoch {e}), far from 100 %.",

  "network.intro": R`A neural network is made of:

- an **input layer** that receives the features, the predictive variables;
- any number of **hidden layers**;
- an **output layer** $\hat{y}$, holding the variable to predict;
- a set of **weights** $W$ and **biases** $b$ between consecutive layers;
- an **activation function** $\sigma$ chosen for each layer.

The output layer has as many neurons as the problem has outputs: **regression**, a single neuron (identity); **binary classification**, a single neuron whose activation separates the two classes (sigmoid); **multi-class**, one neuron per class and the softmax function, which gives the probability of each class.

Change the architecture in the stage's panel (layers, neurons, activation per layer), or start from one of the three examples.`,
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

  "forward.intro": R`Each neuron $i$ of layer $l$ computes $z_i^{[l]} = \mathbf{w}_i^T \cdot \mathbf{a}^{[l-1]} + b_i$ then $a_i^{[l]} = \sigma^{[l]}(z_i^{[l]})$. In matrix notation, with **one example per column**:

$$Z^{[l]} = W^{[l]} \cdot A^{[l-1]} + b^{[l]} \qquad A^{[l]} = \sigma^{[l]}(Z^{[l]}) \qquad A^{[0]} = X$$

The bias $b^{[l]}$ is added to every column. The last layer gives the result $\hat{y} = A^{[L]}$. Step through one operation at a time: every matrix is the real one, computed by the very code that trains the stage's network, on a small batch of examples.`,
  "cost.intro": R`Backpropagation starts by measuring the gap between the prediction and the true value: the **cost**. For binary classification it is the cross-entropy, computed for each example $i$ of the batch:

$$C_i = -y_i \log \hat{y}_i - (1 - y_i) \log(1 - \hat{y}_i)$$

then averaged over the $m$ examples: $C = \frac{1}{m} \sum_{i=1}^{m} C_i$. A confidently correct prediction costs almost nothing; a confidently wrong one costs a lot.

With $K$ classes and a softmax output, it is the categorical cross-entropy, where $y_{k,i}$ is 1 for the class of example $i$ and 0 for the others:

$$C_i = -\sum_{k=1}^{K} y_{k,i} \log \hat{y}_{k,i}$$

For regression, it is the squared cost $C_i = \frac{1}{2}(\hat{y}_i - y_i)^2$.`,
  "cost.table": "Cost per example, on the batch of the current iteration",
  "cost.example": "example",
  "cost.yhat": "ŷ = A[L]",
  "cost.y": "y",
  "cost.ci": "Cᵢ",
  "cost.mean": "Mean C",
  "cost.multi": "{k}-neuron output: ŷ and y are columns",
  "backward.intro": R`Now the error must be carried back through the whole network: the derivative of the cost with respect to every weight and every bias, going back from the output to layer 1. The tool is the **chain rule**, $\frac{dy}{dx} = \frac{dy}{du} \frac{du}{dx}$: $C$ depends on $A^{[2]}$, which depends on $Z^{[2]}$, which depends on $W^{[2]}$ and $b^{[2]}$.

For the output layer, $\frac{\partial C}{\partial A^{[L]}} = \frac{-y}{A^{[L]}} + \frac{1-y}{1-A^{[L]}}$; multiplied by $\sigma'(Z^{[L]}) = A^{[L]}(1 - A^{[L]})$, everything simplifies to $dZ^{[L]} = A^{[L]} - Y$. For a hidden layer, $dZ^{[l]} = W^{[l+1]T} \cdot dZ^{[l+1]} * \sigma'^{[l]}(Z^{[l]})$, where $*$ is the element-wise product. Finally, since $C$ is a mean over the $m$ examples:

$$dW^{[l]} = \frac{1}{m} \, dZ^{[l]} \cdot A^{[l-1]T} \qquad db^{[l]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[l]}_{:,i}$$

Here $dZ^{[l]}$ is the per-example derivative: its column $i$ is $\frac{\partial C_i}{\partial Z^{[l]}}$, where $C_i$ is the cost of example $i$; the $\frac{1}{m}$ of the mean appears only in $dW$ and $db$. Slide 37 treats a single example ($m = 1$). With softmax and the categorical cross-entropy $C_i = -\sum_k y_k \log A^{[L]}_k$, one also gets $dZ^{[L]} = A^{[L]} - Y$. For regression, with $C_i = \frac{1}{2}(A^{[L]} - y)^2$, $dA^{[L]} = A^{[L]} - Y$ and $dZ^{[L]} = dA^{[L]} * \sigma'^{[L]}(Z^{[L]})$.

The step-through shows the iteration without regularisation ($\lambda = 0$): the L2 penalty the stage can add to the cost is not included.`,
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
  "descent.intro": R`All that is left is to use the derivatives and apply the changes, from the last layer to the first:

$$W^{[l]} \leftarrow W^{[l]} - \eta \, dW^{[l]} \qquad b^{[l]} \leftarrow b^{[l]} - \eta \, db^{[l]}$$

$\eta$ is the **learning rate**. One iteration is the forward pass, the cost, the backward pass and the update. After the last operation, run the next iteration: the batch's cost goes down. Then train on the stage and watch the decision boundary bend.`,
  "descent.notebook": "The “gradient descent” notebook",
  "descent.nbIntro": R`A single linear neuron (identity activation, squared cost $C = \frac{1}{2m} \sum (A - y)^2$) fitted to noisy points around a line: $\hat{y} = w x + b$. With a rate too small, the cost barely moves; well chosen, the line settles in a few iterations; too large, every step overshoots the minimum and the cost explodes.`,
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
  "descent.vocab.batch": R`**Batch, mini-batch, stochastic descent.** Each gradient step uses a batch of examples, whose size the stage sets (“{control}”). With the whole training set (0), it is **batch** gradient descent: the gradient is exact, but every step takes a full pass over the data. With a few examples (10 by default), it is **mini-batch** descent. With a single example (1), it is **stochastic** gradient descent (SGD): many cheap, noisy steps.`,
  "descent.vocab.epoch": R`**Iteration and epoch.** An iteration is one step: forward pass, cost, backward pass and update, on one batch; the step-through above shows one. An epoch is one pass over the whole training set: with $m$ examples and batches of $b$, it takes $\lceil m / b \rceil$ iterations. The stage counts epochs (“{control}”).`,
  "descent.vocab.split": R`**Training and test sets.** The stage keeps part of the examples aside (“{control}”): the network learns from the training set only, and the cost on the test set measures what it has learnt in general. When the training cost keeps falling while the test cost rises, the network is **overfitting**: it learns the noise of the examples rather than their shape. Two remedies: **L2 regularisation**, which adds $\frac{\lambda}{2m} \sum_l \lVert W^{[l]} \rVert^2$ to the cost and so penalises large weights (“{l2}”), and **early stopping**, which stops training before the test cost rises (“{stop}”). Try it on the noisy spiral:`,
  "descent.vocab.overfit": "1. Overfitting ({layers})",
  "descent.vocab.withL2": "2. The same with L2 (λ = {l2})",
  "descent.vocab.early": "3. The same, stopped at epoch {stop}",
  "descent.vocab.costs": "Epoch {e}: training cost {train}, test cost {test} (lowest: {best}, at epoch {bestE})",
  "descent.vocab.init": R`**Random initialisation.** The initial weights are drawn at random (“{control}”), with a variance suited to the size of the layers, and the biases are 0. If all the weights of a layer were equal, its neurons would compute the same thing and receive the same gradient: they would stay equal after every update, and the layer would do no better than a single neuron. Randomness breaks this symmetry.`,

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
  "step.exportHelp": "The JSON trace replays as is with POST /api/trace; the NumPy script recomputes the same numbers.",
  "step.pyCheck": "largest difference from nnstep's values",

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

  "multi.intro": R`So far the classification was binary. For $K$ classes, the output layer has one neuron per class and the **softmax** activation, which turns a vector $\mathbf{z}$ of dimension $K$ into probabilities between 0 and 1 that sum to 1:

$$a_i = \frac{e^{z_i}}{\sum_{k=1}^{K} e^{z_k}} \quad \text{for } i = 1 \dots K, \qquad \sum_{i=1}^{K} a_i = 1$$

Computed as written, it is **unstable**: $e^{4000}$ exceeds the largest floating-point number, and $\infty / \infty$ gives NaN. Multiplying the numerator and the denominator by the same constant $e^{-\max(z)}$ leaves the result unchanged:

$$a_i = \frac{e^{z_i - \max(z)}}{\sum_{k=1}^{K} e^{z_k - \max(z)}}$$

Its derivative is a matrix, the Jacobian: $\frac{\partial a_i}{\partial z_j} = a_i (1 - a_i)$ if $i = j$, and $-a_i a_j$ otherwise. With the cross-entropy, everything simplifies again: $dZ^{[L]} = A^{[L]} - Y$.`,
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

  "path.intro": R`How the derivatives of the activation functions behave has consequences for learning. Four demonstrations, each with its diagnostic computed on a real network.`,
  "path.vanish.title": "Vanishing gradient",
  "path.vanish.text": R`In a network of many layers, the gradient reaching the first layers is a product of many factors $\sigma'$. With the sigmoid, $\sigma' \leq \frac{1}{4}$: the gradient melts away from layer to layer, and the weights of the first layers are no longer updated effectively. The bars show $\lVert dW^{[l]} \rVert$ for each layer, at initialisation, on the moons data.`,
  "path.depth": "Hidden layers",
  "path.vanish.ratio": "‖dW[1]‖ / ‖dW[L]‖ = {r}",
  "path.vanish.plot": "Gradient norm of each layer (log scale)",
  "path.dead.title": "Dead neurons",
  "path.dead.text": R`A ReLU neuron whose input is negative for **every** example outputs 0 and its derivative is 0: no error flows through it, its weights are no longer updated, and the neurons after it get nothing more from it. Here the hidden layers' biases start at a negative value. Leaky ReLU keeps a small slope $\alpha$ for $x < 0$: its neurons do not die.`,
  "path.bias": "Initial bias of the hidden layers",
  "path.epochs": "Training epochs",
  "path.dead.row": "Layer {l}: {d} dead neuron(s) out of {n} before, {a} after; weights changed for {m} neuron(s)",
  "path.costs": "Cost: {b} before, {a} after {e} epoch(s)",
  "path.explode.title": "Exploding gradient",
  "path.explode.text": R`Large error gradients pile up and cause large weight updates: the network becomes unstable, and the values end up replaced by NaN. The problem arises mostly when the network has many layers. From one layer to the one before, backpropagation multiplies the gradient by $W^{[l+1]T}$ and then by $\sigma'^{[l]}(Z^{[l]})$: when these factors exceed 1, the gradient grows on its way back to the input. Here, tanh hidden layers of 32 neurons (identity output, squared cost, plane data) whose initial weights are multiplied by the chosen scale. The bars show $\lVert dW^{[l]} \rVert$ at initialisation: each layer multiplies the norm by a factor, and the ratio $\lVert dW^{[1]} \rVert / \lVert dW^{[L]} \rVert$ is the product of these factors. The network is then trained for 30 epochs; nnstep stops **at the first operation that produces a non-finite value** and names it.`,
  "path.lr": "Learning rate η",
  "path.explode.ok": "No divergence in {e} epochs: the cost goes from {b} to {c}.",
  "path.explode.factor": "that is {f} × ‖dW[{n}]‖",
  "path.explode.clip": "Gradient clipping",
  "path.explode.noClip": "none",
  "path.explode.barsPlot": "Gradient norm of each layer at initialisation (log scale)",
  "path.explode.remedies": R`Three remedies, to try above:

- **a smaller learning rate**: each update stays small, even when the gradient is large;
- **a careful initialisation**: at scale × 1 the initial weights have variance $\frac{2}{n_{l-1} + n_l}$ (Xavier), which keeps the factors close to 1;
- **gradient clipping**: when the norm of the whole gradient $g$ (every $dW$ and $db$) exceeds a threshold $c$, it is scaled back to $g \leftarrow c \, g / \lVert g \rVert$ before the update, keeping its direction.`,
  "path.explode.caught": "Diverged at epoch {e} (step {s}): operation #{i} ({phase}, layer {l}) produces {res}, which is no longer a finite number:",
  "path.explode.why": "The large gradients give large updates $W \\leftarrow W - \\eta \\, dW$; the weights, hence the activations and the next gradient, grow further, until they exceed the largest floating-point number.",
  "path.explode.plot": "Cost per epoch (log scale) until the stop",
  "path.explode.noCost": "The cost is no longer a finite number from epoch {e}: nothing to plot.",
  "path.sat.title": "Saturated neurons",
  "path.sat.text": R`With the sigmoid and tanh, large (or very small) values reach a plateau and no longer change through the network: the output sticks at 0 or 1 and $\sigma' \approx 0$. Scale up the initial weights of a 2-8-8-1 network: the share of (neuron, example) pairs where $\sigma'$ is below {p} of its maximum grows. This is why ReLU or Leaky ReLU are preferred in deep learning.`,
  "path.scale": "Scale of the initial weights",
  "path.sat.row": "Layer {l}, {act}: {p} of the values saturated, {u} saturated neuron(s) out of {n}",
  "path.sat.none": "ReLU does not saturate on the positive side (σ′ = 1 for z > 0): its hidden layers stay at 0 %. The output layer is a sigmoid; that is the one that saturates as the weights grow.",
  "path.error": "Error: {e}",
};

// The stage's strings (js/i18n-stage.js) and the lesson's, in one table.
const stage = { fr: stageStrings.fr || {}, en: stageStrings.en || {} };

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
  if (window.nnstep && typeof window.nnstep.setPage === "function") window.nnstep.setPage({ lang: l });
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
    el.innerHTML = rich(t(el.dataset.i18nBlock, vars(el)));
  }
  for (const el of root.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of el.dataset.i18nAttr.split(";")) {
      const [attr, key] = pair.split(":");
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim(), vars(el)));
    }
  }
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
