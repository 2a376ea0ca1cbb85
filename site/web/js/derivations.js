// derivations.js: the lecture's derivations of the gradients (slides 29–35
// and 42–44), each step by step in a <details data-derivation="KEY"> that
// the student opens on demand. Each ends by putting the numbers of one
// example of the step-through's batch (the example the stage shows, else
// the first) into the result, and names the entry of the step-through's
// matrix it lands on (docs/lesson.md, "Derivations").
//
// The text of a derivation is declared once, in DERIVATIONS: a title and
// steps, each step either a formula (the same in both languages) or a
// paragraph {fr, en}; numbers(ctx) returns the lines that substitute the
// trace's numbers and the entries they land on.
import { lang, onLang, fmt, t } from "./i18n.js";
import { rich, inline, escapeHTML } from "./math.js";
import { frenchSpaces } from "./typo.js";
import { el } from "./dom.js";
import { onRender, currentTrace, valueOf, stepTo } from "./stepper.js";

const R = String.raw;

// n writes a number as TeX in the page's language, with the digits of the
// step-through's matrices (fmt): "-0{,}1234", "1{,}2 \times 10^{-5}".
export function n(v, digits = 4) {
  if (v === null || v === undefined || Number.isNaN(v)) return R`\text{NaN}`;
  if (!Number.isFinite(v)) return v > 0 ? R`+\infty` : R`-\infty`;
  const s = fmt(v, digits).replace(/−/g, "-").replace(",", "{,}");
  const m = /^(-?[\d{},.]+)e([-+]?\d+)$/.exec(s);
  return m ? `${m[1]} \\times 10^{${m[2]}}` : s;
}

// p is n in parentheses when the number is negative (a factor, a term).
const p = (v) => (v < 0 ? `(${n(v)})` : n(v));

// sumTeX writes terms added: "a + b - c".
const sumTeX = (vs) => vs.map((v, k) => (k === 0 ? n(v) : v < 0 ? ` - ${n(-v)}` : ` + ${n(v)}`)).join("");

// A step that is a formula only; the same in both languages.
const F = (src) => `$$${src}$$`;

export const DERIVATIONS = {
  // Section 6: ∂C/∂A[L] from the binary cross-entropy (slides 29–30).
  "output-da": {
    title: {
      fr: R`Dériver $\frac{\partial C}{\partial A^{[L]}}$ à partir de l’entropie croisée (diapositives 29–30)`,
      en: R`Deriving $\frac{\partial C}{\partial A^{[L]}}$ from the cross-entropy (slides 29–30)`,
    },
    steps: [
      { fr: R`Pour un exemple ($m = 1$, comme sur les diapositives), le coût est l’entropie croisée binaire :`,
        en: R`For one example ($m = 1$, as on the slides), the cost is the binary cross-entropy:` },
      F(R`C = -y \log(A^{[L]}) - (1-y) \log(1 - A^{[L]})`),
      { fr: R`La dérivée de $\log(x)$ est $\frac{1}{x}$ : la partie gauche donne $\frac{-y}{A^{[L]}}$. La partie droite est une fonction composée, $\frac{\partial \log(g(x))}{\partial x} = \frac{1}{g(x)}\, g'(x)$, et la dérivée de $1 - A^{[L]}$ vaut $-1$ :`,
        en: R`The derivative of $\log(x)$ is $\frac{1}{x}$, so the left part gives $\frac{-y}{A^{[L]}}$. The right part is a composite function, $\frac{\partial \log(g(x))}{\partial x} = \frac{1}{g(x)}\, g'(x)$, and the derivative of $1 - A^{[L]}$ is $-1$:` },
      F(R`\frac{\partial C}{\partial A^{[L]}} = \frac{-y}{A^{[L]}} - (1-y)\,\frac{-1}{1 - A^{[L]}} = \frac{-y}{A^{[L]}} + \frac{1-y}{1-A^{[L]}}`),
    ],
    numbers(c) {
      const { T, i, L } = c;
      const A = c.rows(`A[${L}]`);
      const dA = `dA[${L}]`;
      if (T.loss === "bce") {
        const a = A[0][i];
        const y = T.Y[0][i];
        const v = -y / a + (1 - y) / (1 - a);
        return {
          lines: [F(R`a = A^{[${L}]}_{1,${i + 1}} = ${n(a)}, \qquad y = ${n(y)}`),
            F(R`\frac{\partial C_{${i + 1}}}{\partial A^{[${L}]}} = \frac{-${p(y)}}{${n(a)}} + \frac{1 - ${p(y)}}{1 - ${n(a)}} = ${n(v)}`)],
          land: [{ name: dA, r: 0, c: i, value: v }],
        };
      }
      if (T.loss === "cce") {
        const k = argmax(T.Y.map((r) => r[i]));
        const a = A[k][i];
        const y = T.Y[k][i];
        const v = -y / a;
        return {
          lines: [{ fr: R`Ici, la sortie est softmax et le coût l’entropie croisée catégorielle, $C = -\sum_k y_k \log(a_k)$ : la même règle donne $\frac{\partial C}{\partial a_k} = \frac{-y_k}{a_k}$, nul sauf pour la classe de l’exemple, $k = ${k + 1}$.`,
            en: R`Here the output is softmax and the cost the categorical cross-entropy, $C = -\sum_k y_k \log(a_k)$: the same rule gives $\frac{\partial C}{\partial a_k} = \frac{-y_k}{a_k}$, zero except for the example’s class, $k = ${k + 1}$.` },
          F(R`\frac{\partial C_{${i + 1}}}{\partial a_{${k + 1}}} = \frac{-${p(y)}}{${n(a)}} = ${n(v)}`)],
          land: [{ name: dA, r: k, c: i, value: v }],
        };
      }
      const a = A[0][i];
      const y = T.Y[0][i];
      const v = a - y;
      return {
        lines: [{ fr: R`Ici, la sortie est une régression et le coût l’erreur quadratique $C = \frac{1}{2}(A^{[L]} - y)^2$, dont la dérivée est $A^{[L]} - y$.`,
          en: R`Here the output is a regression and the cost the squared error $C = \frac{1}{2}(A^{[L]} - y)^2$, whose derivative is $A^{[L]} - y$.` },
        F(R`\frac{\partial C_{${i + 1}}}{\partial A^{[${L}]}} = ${n(a)} - ${p(y)} = ${n(v)}`)],
        land: [{ name: dA, r: 0, c: i, value: v }],
      };
    },
  },

  // Section 3: the sigmoid's derivative (slide 31, "cf notebook").
  "sigmoid-prime": {
    title: {
      fr: R`Dériver la sigmoïde : $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$`,
      en: R`Deriving the sigmoid: $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$`,
    },
    steps: [
      { fr: R`La sigmoïde est $\sigma(z) = \frac{1}{1 + e^{-z}} = (1 + e^{-z})^{-1}$, une fonction composée : la dérivée de $u^{-1}$ est $-u^{-2}$, celle de $1 + e^{-z}$ est $-e^{-z}$. D’où :`,
        en: R`The sigmoid is $\sigma(z) = \frac{1}{1 + e^{-z}} = (1 + e^{-z})^{-1}$, a composite function: the derivative of $u^{-1}$ is $-u^{-2}$, that of $1 + e^{-z}$ is $-e^{-z}$. Hence:` },
      F(R`\sigma'(z) = -(1 + e^{-z})^{-2} \cdot (-e^{-z}) = \frac{e^{-z}}{(1 + e^{-z})^2}`),
      F(R`= \frac{1}{1 + e^{-z}} \cdot \frac{e^{-z}}{1 + e^{-z}}`),
      { fr: R`Or $\frac{e^{-z}}{1 + e^{-z}} = \frac{(1 + e^{-z}) - 1}{1 + e^{-z}} = 1 - \sigma(z)$, donc :`,
        en: R`Now $\frac{e^{-z}}{1 + e^{-z}} = \frac{(1 + e^{-z}) - 1}{1 + e^{-z}} = 1 - \sigma(z)$, so:` },
      F(R`\sigma'(z) = \sigma(z)\,(1 - \sigma(z)), \qquad \frac{\partial A^{[l]}}{\partial Z^{[l]}} = A^{[l]}\,(1 - A^{[l]})`),
      { fr: R`La dérivée s’écrit avec la sortie seule : la propagation avant l’a déjà calculée, la rétropropagation la réutilise.`,
        en: R`The derivative is written with the output alone: forward propagation has already computed it, and backpropagation reuses it.` },
    ],
    numbers(c) {
      const { T, i, L } = c;
      // A sigmoid layer whose σ′ the step-through computes (a hidden one,
      // or the output with a cost other than the cross-entropy), else the
      // sigmoid output under the binary cross-entropy, through dZ[L].
      let l = 0;
      for (let k = 1; k <= L; k++) if (T.activations[k - 1] === "sigmoid" && c.has(`σ'(Z[${k}])`)) l = k;
      const out = !l && T.activations[L - 1] === "sigmoid" && T.loss === "bce";
      if (out) l = L;
      if (!l) return null;
      const z = c.rows(`Z[${l}]`)[0][i];
      const e = Math.exp(-z);
      const s = 1 / (1 + e);
      const v = s * (1 - s);
      const lines = [
        F(R`z = Z^{[${l}]}_{1,${i + 1}} = ${n(z)}, \qquad e^{-z} = ${n(e)}`),
        F(R`\sigma(z) = \frac{1}{1 + ${n(e)}} = ${n(s)}`),
        F(R`\sigma'(z) = ${n(s)} \times (1 - ${n(s)}) = ${n(v)}`),
      ];
      const land = [{ name: `A[${l}]`, r: 0, c: i, value: s }];
      if (!out) {
        land.push({ name: `σ'(Z[${l}])`, r: 0, c: i, value: v });
        return { lines, land };
      }
      const da = c.rows(`dA[${L}]`)[0][i];
      lines.push({ fr: R`La sortie est sigmoïde avec l’entropie croisée : le pas à pas ne calcule pas $\sigma'$ à part, la règle de dérivation en chaîne le multiplie aussitôt par $\frac{\partial C}{\partial A^{[${L}]}}$ (diapositive 31) :`,
        en: R`The output is a sigmoid with the cross-entropy: the step-through does not compute $\sigma'$ on its own, the chain rule multiplies it at once by $\frac{\partial C}{\partial A^{[${L}]}}$ (slide 31):` });
      lines.push(F(R`\frac{\partial C_{${i + 1}}}{\partial A^{[${L}]}}\, \sigma'(z) = ${p(da)} \times ${n(v)} = ${n(da * v)}`));
      land.push({ name: `dZ[${L}]`, r: 0, c: i, value: da * v });
      return { lines, land };
    },
  },

  // Section 7: dZ[L] = A[L] − y for a sigmoid output and the cross-entropy
  // (slides 31–32).
  "output-dz": {
    title: {
      fr: R`Dériver $\frac{\partial C}{\partial Z^{[L]}} = A^{[L]} - y$ (diapositives 31–32)`,
      en: R`Deriving $\frac{\partial C}{\partial Z^{[L]}} = A^{[L]} - y$ (slides 31–32)`,
    },
    steps: [
      { fr: R`Par la règle de dérivation en chaîne, avec la dérivée de la sigmoïde $\frac{\partial A^{[L]}}{\partial Z^{[L]}} = A^{[L]}(1 - A^{[L]})$ :`,
        en: R`By the chain rule, with the sigmoid’s derivative $\frac{\partial A^{[L]}}{\partial Z^{[L]}} = A^{[L]}(1 - A^{[L]})$:` },
      F(R`\frac{\partial C}{\partial Z^{[L]}} = \frac{\partial C}{\partial A^{[L]}} \cdot \frac{\partial A^{[L]}}{\partial Z^{[L]}} = \left(\frac{-y}{A^{[L]}} + \frac{1-y}{1-A^{[L]}}\right) A^{[L]}(1 - A^{[L]})`),
      { fr: R`On réduit au même dénominateur $A^{[L]}(1 - A^{[L]})$, qui se simplifie :`,
        en: R`Over the common denominator $A^{[L]}(1 - A^{[L]})$, which then cancels:` },
      F(R`= \frac{-y(1-A^{[L]}) + A^{[L]}(1-y)}{A^{[L]}(1-A^{[L]})}\, A^{[L]}(1-A^{[L]})`),
      F(R`= -y(1-A^{[L]}) + A^{[L]}(1-y)`),
      F(R`= -y + y A^{[L]} + A^{[L]} - A^{[L]} y = A^{[L]} - y`),
      { fr: R`Sur un lot de $m$ exemples, la colonne $i$ de $dZ^{[L]} = A^{[L]} - Y$ est cette dérivée pour l’exemple $i$, $\frac{\partial C_i}{\partial Z^{[L]}}$.`,
        en: R`On a batch of $m$ examples, column $i$ of $dZ^{[L]} = A^{[L]} - Y$ is this derivative for example $i$, $\frac{\partial C_i}{\partial Z^{[L]}}$.` },
    ],
    numbers(c) {
      const { T, i, L } = c;
      if (T.loss !== "bce" || T.activations[L - 1] !== "sigmoid") return null;
      const a = c.rows(`A[${L}]`)[0][i];
      const y = T.Y[0][i];
      const da = c.rows(`dA[${L}]`)[0][i];
      const s = a * (1 - a);
      const v = a - y;
      return {
        lines: [F(R`a = A^{[${L}]}_{1,${i + 1}} = ${n(a)}, \qquad y = ${n(y)}`),
          F(R`\frac{\partial C_{${i + 1}}}{\partial A^{[${L}]}} = ${n(da)}`),
          F(R`\frac{\partial C_{${i + 1}}}{\partial A^{[${L}]}} \cdot a(1 - a) = ${p(da)} \times ${n(a)} \times (1 - ${n(a)}) = ${n(da * s)}`),
          F(R`a - y = ${n(a)} - ${p(y)} = ${n(v)}`)],
        land: [{ name: `dZ[${L}]`, r: 0, c: i, value: v }],
      };
    },
  },

  // Section 7: ∂Z/∂W = Aᵀ, then dW (slides 27 and 34).
  dw: {
    title: {
      fr: R`Dériver $\frac{\partial Z^{[l]}}{\partial W^{[l]}} = A^{[l-1]T}$, puis $dW^{[l]}$ (diapositives 27 et 34)`,
      en: R`Deriving $\frac{\partial Z^{[l]}}{\partial W^{[l]}} = A^{[l-1]T}$, then $dW^{[l]}$ (slides 27 and 34)`,
    },
    steps: [
      F(R`\frac{\partial C}{\partial W^{[l]}} = \frac{\partial C}{\partial Z^{[l]}} \cdot \frac{\partial Z^{[l]}}{\partial W^{[l]}}, \qquad Z^{[l]} = W^{[l]} \cdot A^{[l-1]} + b^{[l]}`),
      { fr: R`Pour un exemple, le neurone $j$ de la couche $l$ calcule $z_j = \sum_k w_{jk}\, a_k + b_j$, où les $a_k$ sont les sorties de la couche $l-1$. Seul le terme $w_{jk}\, a_k$ dépend de $w_{jk}$ :`,
        en: R`For one example, neuron $j$ of layer $l$ computes $z_j = \sum_k w_{jk}\, a_k + b_j$, where the $a_k$ are the outputs of layer $l-1$. Only the term $w_{jk}\, a_k$ depends on $w_{jk}$:` },
      F(R`\frac{\partial z_j}{\partial w_{jk}} = a_k, \qquad \frac{\partial C}{\partial w_{jk}} = \frac{\partial C}{\partial z_j}\, a_k`),
      { fr: R`Rangés dans une matrice (ligne $j$, colonne $k$), ces produits forment la colonne $\frac{\partial C}{\partial Z^{[l]}}$ fois la ligne $A^{[l-1]T}$ : voilà pourquoi $A^{[l-1]}$ apparaît transposée (diapositive 34).`,
        en: R`Arranged in a matrix (row $j$, column $k$), these products are the column $\frac{\partial C}{\partial Z^{[l]}}$ times the row $A^{[l-1]T}$: this is why $A^{[l-1]}$ appears transposed (slide 34).` },
      F(R`\frac{\partial C}{\partial W^{[l]}} = \frac{\partial C}{\partial Z^{[l]}} \cdot A^{[l-1]T}`),
      { fr: R`Sur un lot, le coût $C$ est la moyenne des $C_i$, donc sa dérivée est la moyenne de celles des $m$ exemples ; le produit matriciel fait la somme :`,
        en: R`On a batch, the cost $C$ is the mean of the $C_i$, so its derivative is the mean of the $m$ examples’ derivatives; the matrix product does the sum:` },
      F(R`dW^{[l]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[l]}_{:,i} \left(A^{[l-1]}_{:,i}\right)^T = \frac{1}{m}\, dZ^{[l]} \cdot A^{[l-1]T}`),
    ],
    numbers(c) {
      const { i, L, m } = c;
      const dZ = c.rows(`dZ[${L}]`)[0];
      const A = c.rows(`A[${L - 1}]`)[0];
      const terms = dZ.map((d, k) => d * A[k]);
      const v = terms.reduce((s, x) => s + x, 0) / m;
      return {
        lines: [{ fr: R`Le poids $w_{11}$ de la couche ${L} ; la contribution de l’exemple ${i + 1} :`,
          en: R`Weight $w_{11}$ of layer ${L}; the contribution of example ${i + 1}:` },
        F(R`dZ^{[${L}]}_{1,${i + 1}}\, A^{[${L - 1}]}_{1,${i + 1}} = ${p(dZ[i])} \times ${p(A[i])} = ${n(terms[i])}`),
        { fr: R`puis la moyenne des ${m} contributions du lot :`, en: R`then the mean of the batch’s ${m} contributions:` },
        F(R`dW^{[${L}]}_{11} = \frac{1}{${m}} \left(${sumTeX(terms)}\right)`)],
        land: [{ name: `dW[${L}]`, r: 0, c: 0, value: v }],
      };
    },
  },

  // Section 7: db (slide 35).
  db: {
    title: {
      fr: R`Dériver $\frac{\partial Z^{[l]}}{\partial b^{[l]}} = 1$, puis $db^{[l]}$ (diapositive 35)`,
      en: R`Deriving $\frac{\partial Z^{[l]}}{\partial b^{[l]}} = 1$, then $db^{[l]}$ (slide 35)`,
    },
    steps: [
      { fr: R`Dans $z_j = \sum_k w_{jk}\, a_k + b_j$, le biais est ajouté tel quel : sa dérivée vaut 1, et pour un exemple la dérivée du coût par rapport au biais est celle par rapport à $z_j$.`,
        en: R`In $z_j = \sum_k w_{jk}\, a_k + b_j$, the bias is added as it is: its derivative is 1, and for one example the cost’s derivative with respect to the bias is the one with respect to $z_j$.` },
      F(R`\frac{\partial Z^{[l]}}{\partial b^{[l]}} = \mathbf{1}, \qquad \frac{\partial C}{\partial b^{[l]}} = \frac{\partial C}{\partial Z^{[l]}} \cdot \mathbf{1} = \frac{\partial C}{\partial Z^{[l]}}`),
      { fr: R`Sur un lot, on moyenne sur les $m$ exemples : $db^{[l]}$ est la moyenne des colonnes de $dZ^{[l]}$.`,
        en: R`On a batch, the mean over the $m$ examples: $db^{[l]}$ is the mean of the columns of $dZ^{[l]}$.` },
      F(R`db^{[l]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[l]}_{:,i}`),
    ],
    numbers(c) {
      const { i, L, m } = c;
      const dZ = c.rows(`dZ[${L}]`)[0];
      const v = dZ.reduce((s, x) => s + x, 0) / m;
      return {
        lines: [{ fr: R`Le biais $b_1$ de la couche ${L} ; pour l’exemple ${i + 1}, $\frac{\partial C_{${i + 1}}}{\partial b_1} = dZ^{[${L}]}_{1,${i + 1}} = ${n(dZ[i])}$, et sur le lot :`,
          en: R`Bias $b_1$ of layer ${L}; for example ${i + 1}, $\frac{\partial C_{${i + 1}}}{\partial b_1} = dZ^{[${L}]}_{1,${i + 1}} = ${n(dZ[i])}$, and over the batch:` },
        F(R`db^{[${L}]}_1 = \frac{1}{${m}} \left(${sumTeX(dZ)}\right)`)],
        land: [{ name: `db[${L}]`, r: 0, c: 0, value: v }],
      };
    },
  },

  // Section 7: the hidden layers' chain rule (slides 26 and 33).
  "hidden-dz": {
    title: {
      fr: R`Dériver $dZ^{[l]} = W^{[l+1]T} \cdot dZ^{[l+1]} * \sigma'^{[l]}(Z^{[l]})$ pour une couche cachée (diapositive 33)`,
      en: R`Deriving $dZ^{[l]} = W^{[l+1]T} \cdot dZ^{[l+1]} * \sigma'^{[l]}(Z^{[l]})$ for a hidden layer (slide 33)`,
    },
    steps: [
      { fr: R`Pour une couche cachée $l$, $C$ dépend de $Z^{[l]}$ à travers $A^{[l]}$, puis $Z^{[l+1]}$ :`,
        en: R`For a hidden layer $l$, $C$ depends on $Z^{[l]}$ through $A^{[l]}$, then $Z^{[l+1]}$:` },
      F(R`\frac{\partial C}{\partial Z^{[l]}} = \frac{\partial C}{\partial Z^{[l+1]}} \cdot \frac{\partial Z^{[l+1]}}{\partial A^{[l]}} \cdot \frac{\partial A^{[l]}}{\partial Z^{[l]}}`),
      { fr: R`$Z^{[l+1]} = W^{[l+1]} \cdot A^{[l]} + b^{[l+1]}$ donne $\frac{\partial Z^{[l+1]}}{\partial A^{[l]}} = W^{[l+1]}$, et $\frac{\partial A^{[l]}}{\partial Z^{[l]}} = \sigma'^{[l]}(Z^{[l]})$, élément par élément. Le neurone $j$ de la couche $l$ alimente chaque neurone $k$ de la couche suivante par le poids $w^{[l+1]}_{kj}$ ; chacun lui renvoie sa part :`,
        en: R`$Z^{[l+1]} = W^{[l+1]} \cdot A^{[l]} + b^{[l+1]}$ gives $\frac{\partial Z^{[l+1]}}{\partial A^{[l]}} = W^{[l+1]}$, and $\frac{\partial A^{[l]}}{\partial Z^{[l]}} = \sigma'^{[l]}(Z^{[l]})$, element by element. Neuron $j$ of layer $l$ feeds each neuron $k$ of the next layer through the weight $w^{[l+1]}_{kj}$; each sends back its share:` },
      F(R`\frac{\partial C}{\partial z^{[l]}_j} = \Big(\sum_k w^{[l+1]}_{kj}\, \frac{\partial C}{\partial z^{[l+1]}_k}\Big)\, \sigma'^{[l]}(z^{[l]}_j)`),
      { fr: R`La somme sur $k$ parcourt la colonne $j$ de $W^{[l+1]}$, c’est-à-dire la ligne $j$ de $W^{[l+1]T}$. En matrices, pour tous les neurones et tous les exemples, avec $*$ le produit élément par élément :`,
        en: R`The sum over $k$ runs down column $j$ of $W^{[l+1]}$, that is row $j$ of $W^{[l+1]T}$. With matrices, for every neuron and every example, $*$ being the element-wise product:` },
      F(R`dZ^{[l]} = W^{[l+1]T} \cdot dZ^{[l+1]} * \sigma'^{[l]}(Z^{[l]})`),
    ],
    numbers(c) {
      const { i, L } = c;
      if (L < 2) return null;
      const l = L - 1;
      const W = c.rows(`W[${L}]`);
      const dZn = c.rows(`dZ[${L}]`);
      const sp = c.rows(`σ'(Z[${l}])`)[0][i];
      const terms = W.map((row, k) => row[0] * dZn[k][i]);
      const s = terms.reduce((a, b) => a + b, 0);
      const prods = W.map((row, k) => `${p(row[0])} \\times ${p(dZn[k][i])}`).join(" + ");
      const v = s * sp;
      return {
        lines: [{ fr: R`Le neurone 1 de la couche ${l}, pour l’exemple ${i + 1} :`, en: R`Neuron 1 of layer ${l}, for example ${i + 1}:` },
          F(R`\sum_k w^{[${L}]}_{k1}\, dZ^{[${L}]}_{k,${i + 1}} = ${prods}`),
          F(R`= ${n(s)}, \qquad \sigma'^{[${l}]}(z^{[${l}]}_{1,${i + 1}}) = ${n(sp)}`),
          F(R`dZ^{[${l}]}_{1,${i + 1}} = ${p(s)} \times ${p(sp)}`)],
        land: [{ name: `dZ[${l}]`, r: 0, c: i, value: v }],
      };
    },
  },

  // Section 9: the softmax Jacobian by the quotient rule (slides 42–43),
  // with the vector z of the section's demo.
  "softmax-jacobian": {
    title: {
      fr: R`Dériver softmax : la jacobienne $\frac{\partial a_i}{\partial z_j}$ par la dérivée d’un quotient (diapositives 42–43)`,
      en: R`Deriving softmax: the Jacobian $\frac{\partial a_i}{\partial z_j}$ by the quotient rule (slides 42–43)`,
    },
    steps: [
      { fr: R`Pour $i = 1, \dots, K$, $a_i = \frac{e^{z_i}}{\sum_K}$, en notant $\sum_K = \sum_{k=1}^{K} e^{z_k}$. C’est un quotient $\frac{g}{h}$, avec $g = e^{z_i}$ et $h = \sum_K$ :`,
        en: R`For $i = 1, \dots, K$, $a_i = \frac{e^{z_i}}{\sum_K}$, writing $\sum_K = \sum_{k=1}^{K} e^{z_k}$. It is a quotient $\frac{g}{h}$, with $g = e^{z_i}$ and $h = \sum_K$:` },
      F(R`\left(\frac{g}{h}\right)' = \frac{g' h - h' g}{h^2}, \qquad \frac{\partial \sum_K}{\partial z_j} = e^{z_j}`),
      { fr: R`Si $i = j$, $g' = e^{z_i}$ :`, en: R`If $i = j$, $g' = e^{z_i}$:` },
      F(R`\frac{\partial a_i}{\partial z_i} = \frac{e^{z_i} \sum_K - e^{z_i} e^{z_i}}{\sum_K^2} = \frac{e^{z_i}}{\sum_K}\left(1 - \frac{e^{z_i}}{\sum_K}\right) = a_i (1 - a_i)`),
      { fr: R`Si $i \neq j$, $e^{z_i}$ ne dépend pas de $z_j$, donc $g' = 0$ :`, en: R`If $i \neq j$, $e^{z_i}$ does not depend on $z_j$, so $g' = 0$:` },
      F(R`\frac{\partial a_i}{\partial z_j} = \frac{0 - e^{z_i} e^{z_j}}{\sum_K^2} = -\frac{e^{z_i}}{\sum_K}\,\frac{e^{z_j}}{\sum_K} = -a_i a_j`),
    ],
    numbers(c) {
      const s = c.softmax;
      if (!s || !s.stable || s.stable.length < 2 || !s.stable.every(Number.isFinite)) return null;
      // The two largest outputs: the entries farthest from 0.
      const i = argmax(s.stable);
      const j = argmax(s.stable.map((v, k) => (k === i ? -Infinity : v)));
      const [ai, aj] = [s.stable[i], s.stable[j]];
      const d = ai * (1 - ai);
      const o = -ai * aj;
      const [I, J] = [i + 1, j + 1];
      return {
        example: false,
        lines: [{ fr: R`Avec le vecteur $z$ ci-dessus, ses deux plus grandes sorties (forme stable) :`, en: R`With the vector $z$ above, its two largest outputs (stable form):` },
          F(R`a_{${I}} = ${n(ai)}, \qquad a_{${J}} = ${n(aj)}`),
          F(R`\frac{\partial a_{${I}}}{\partial z_{${I}}} = a_{${I}} (1 - a_{${I}}) = ${n(ai)} \times (1 - ${n(ai)}) = ${n(d)}`),
          F(R`\frac{\partial a_{${I}}}{\partial z_{${J}}} = -a_{${I}} a_{${J}} = -${n(ai)} \times ${n(aj)} = ${n(o)}`)],
        land: [{ name: "jacobian", r: i, c: i, value: d }, { name: "jacobian", r: i, c: j, value: o }],
      };
    },
  },

  // Section 9: softmax with the categorical cross-entropy gives A − y
  // (slide 44).
  "softmax-ce": {
    title: {
      fr: R`Dériver softmax avec l’entropie croisée : $\frac{\partial C}{\partial Z^{[L]}} = A^{[L]} - y$ (diapositive 44)`,
      en: R`Deriving softmax with the cross-entropy: $\frac{\partial C}{\partial Z^{[L]}} = A^{[L]} - y$ (slide 44)`,
    },
    steps: [
      { fr: R`Avec softmax en sortie, le coût d’un exemple est l’entropie croisée catégorielle, où $y_k$ vaut 1 pour la classe de l’exemple et 0 pour les autres :`,
        en: R`With a softmax output, the cost of one example is the categorical cross-entropy, where $y_k$ is 1 for the example’s class and 0 for the others:` },
      F(R`C = -\sum_{k=1}^{K} y_k \log(a_k), \qquad \frac{\partial C}{\partial a_k} = \frac{-y_k}{a_k}`),
      { fr: R`Chaque $a_k$ dépend de tous les $z_j$ : la règle de dérivation en chaîne fait la somme sur $k$, avec la jacobienne de softmax ($a_j(1 - a_j)$ si $k = j$, $-a_k a_j$ sinon) :`,
        en: R`Each $a_k$ depends on every $z_j$: the chain rule sums over $k$, with the softmax Jacobian ($a_j(1 - a_j)$ if $k = j$, $-a_k a_j$ otherwise):` },
      F(R`\frac{\partial C}{\partial z_j} = \sum_{k=1}^{K} \frac{\partial C}{\partial a_k}\,\frac{\partial a_k}{\partial z_j} = \frac{-y_j}{a_j}\, a_j (1 - a_j) + \sum_{k \neq j} \frac{-y_k}{a_k}\,(-a_k a_j)`),
      F(R`= -y_j + y_j a_j + a_j \sum_{k \neq j} y_k = -y_j + a_j \sum_{k=1}^{K} y_k = a_j - y_j`),
      { fr: R`car $\sum_k y_k = 1$. Comme pour la sigmoïde avec l’entropie croisée binaire, $\frac{\partial C}{\partial Z^{[L]}} = A^{[L]} - y$ : toutes les dérivées qui suivent sont les mêmes.`,
        en: R`since $\sum_k y_k = 1$. As for the sigmoid with the binary cross-entropy, $\frac{\partial C}{\partial Z^{[L]}} = A^{[L]} - y$: every derivative after it is the same.` },
    ],
    numbers(c) {
      const { T, i, L } = c;
      if (T.loss !== "cce" || T.activations[L - 1] !== "softmax") return null;
      const A = c.rows(`A[${L}]`);
      const j = argmax(T.Y.map((r) => r[i]));
      const a = A.map((r) => r[i]);
      const y = T.Y.map((r) => r[i]);
      const rest = y.reduce((s, v, k) => (k === j ? s : s + v), 0);
      const v1 = -y[j] + y[j] * a[j] + a[j] * rest;
      const v = a[j] - y[j];
      const J = j + 1;
      return {
        lines: [{ fr: R`La classe de l’exemple ${i + 1} est $j = ${J}$ :`, en: R`The class of example ${i + 1} is $j = ${J}$:` },
          F(R`a_{${J}} = A^{[${L}]}_{${J},${i + 1}} = ${n(a[j])}, \qquad y_{${J}} = ${n(y[j])}, \qquad \sum_{k \neq ${J}} y_k = ${n(rest)}`),
          F(R`-y_{${J}} + y_{${J}} a_{${J}} + a_{${J}} \sum_{k \neq ${J}} y_k`),
          F(R`= -${p(y[j])} + ${p(y[j])} \times ${n(a[j])} + ${n(a[j])} \times ${p(rest)} = ${n(v1)}`),
          F(R`a_{${J}} - y_{${J}} = ${n(a[j])} - ${p(y[j])} = ${n(v)}`)],
        land: [{ name: `dZ[${L}]`, r: j, c: i, value: v }],
      };
    },
  },
};

// texName writes a matrix's name as the step-through does: dZ[2] → dZ^{[2]}.
function texName(name) {
  let m;
  if ((m = /^σ'\(Z\[(\d+)\]\)$/.exec(name))) return `\\sigma'^{[${m[1]}]}(Z^{[${m[1]}]})`;
  if ((m = /^(\w+)\[(\d+)\]$/.exec(name))) return `${m[1]}^{[${m[2]}]}`;
  return name;
}

function argmax(v) {
  let k = 0;
  for (let j = 1; j < v.length; j++) if (v[j] > v[k]) k = j;
  return k;
}

// text picks a step's language: a string is the same in both.
function text(s) {
  if (typeof s === "string") return s;
  const l = lang();
  return l === "fr" ? frenchSpaces(s.fr) : s.en;
}

// example returns the step-through example the derivations use: the one
// the stage shows (setting example) when it is in the batch, else the first.
// It is read once per trace: nnstep.state() costs milliseconds, and a new
// example shown on the stage (nnstep.configure) gives a new trace.
const shown = { T: null, s: 0 };
function example(T, m) {
  if (shown.T !== T) {
    try {
      shown.s = Number(window.nnstep.state().example) || 0;
    } catch (e) {
      shown.s = 0;
    }
    shown.T = T;
  }
  const s = shown.s;
  return { i: s < m ? s : 0, shown: s };
}

// opOf returns the index of the op whose result is name (the latest one).
function opOf(T, name) {
  for (let j = T.ops.length - 1; j >= 0; j--) if (T.ops[j].result.name === name) return j;
  return -1;
}

// refOf returns the trace's reference (docs/api.md, "Trace format") named
// name: an op's result or operand, null if the trace has none.
function refOf(T, name) {
  for (const o of T.ops) {
    if (o.result.name === name) return o.result;
    for (const r of o.operands || []) if (r.name === name) return r;
  }
  return null;
}

// context gathers what numbers() reads for a trace and an example.
function context(T, softmax) {
  const m = T.X[0].length;
  const ex = example(T, m);
  const end = T.ops.length;
  return {
    T, m, i: ex.i, shown: ex.shown, L: T.layers.length - 1, softmax,
    rows: (name) => {
      const r = refOf(T, name);
      return r ? valueOf(T, r, end).rows : null;
    },
    has: (name) => opOf(T, name) >= 0,
  };
}

const blocks = new Set();

// derivation returns the <details> of one derivation. source, when given,
// returns the section's own numbers (the softmax demo's {stable, jacobian}).
export function derivation(key, { source } = {}) {
  const d = DERIVATIONS[key];
  if (!d) throw new Error(`derivation: unknown key ${key}`);
  const summary = el("summary");
  const steps = el("div", { class: "deriv-steps" });
  const nums = el("div", { class: "deriv-numbers" });
  const box = el("details", { class: "derivation", "data-derivation": key }, summary, steps, nums);
  const seen = { lang: "", T: null, i: -1, src: null };
  const b = {
    title() {
      summary.innerHTML = inline(text(d.title));
    },
    refresh(force) {
      if (!box.open) return;
      const l = lang();
      if (force || seen.lang !== l) steps.innerHTML = d.steps.map((s) => rich(text(s))).join("");
      const T = currentTrace();
      const src = source ? source() : null;
      let c = null;
      if (T && T.ops && T.X) c = context(T, src);
      if (!force && seen.lang === l && seen.T === T && seen.src === src && seen.i === (c ? c.i : -1)) return;
      Object.assign(seen, { lang: l, T, src, i: c ? c.i : -1 });
      renderNumbers(nums, key, d, c);
    },
  };
  b.title();
  blocks.add(b);
  box.addEventListener("toggle", () => b.refresh(true));
  return box;
}

// renderNumbers fills the numbers part of a derivation for context c.
function renderNumbers(nums, key, d, c) {
  let r = null;
  try {
    r = c ? d.numbers(c) : null;
  } catch (e) {
    r = null;
  }
  nums.removeAttribute("data-example");
  if (!r) {
    nums.innerHTML = `<p class="muted">${inline(t(c ? `deriv.na.${key}` : "deriv.noTrace"))}</p>`;
    return;
  }
  let head = "";
  if (r.example !== false) {
    nums.dataset.example = String(c.i);
    const k = c.shown === c.i ? "deriv.example" : "deriv.exampleFirst";
    head = `<p>${inline(t(k, { i: c.i + 1, m: c.m, s: c.shown + 1 }))}</p>`;
  }
  const lines = r.lines.map((s) => rich(text(s))).join("");
  const land = r.land.map((x) => {
    const jac = x.name === "jacobian";
    const op = jac ? -1 : opOf(c.T, x.name);
    const what = jac ? t("deriv.landJacobian", { v: n(x.value), r: x.r + 1, c: x.c + 1 })
      : t("deriv.land", { v: n(x.value), name: texName(x.name), r: x.r + 1, c: x.c + 1, op });
    const go = op >= 0 ? ` <button type="button" class="btn small" data-op="${op}">${escapeHTML(t("deriv.see"))}</button>` : "";
    return `<p class="deriv-land" data-entry="${escapeHTML(x.name)}" data-r="${x.r}" data-c="${x.c}" data-value="${String(x.value)}">${inline(what)}${go}</p>`;
  }).join("");
  nums.innerHTML = `<p class="st-label">${inline(t("deriv.numbers"))}</p>${head}${lines}${land}`;
  for (const btn of nums.querySelectorAll("button[data-op]")) btn.addEventListener("click", () => stepTo(Number(btn.dataset.op)));
}

// refreshDerivations brings the open derivations up to date (a section's
// own numbers changed).
export function refreshDerivations() {
  for (const b of blocks) b.refresh(false);
}

onRender(() => refreshDerivations());
onLang(() => {
  for (const b of blocks) {
    b.title();
    b.refresh(true);
  }
});
