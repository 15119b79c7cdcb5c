#pragma warning disable CS8981

namespace Strata;

// tf.einsum for any equation: repeated labels within an operand take diagonals, labels no one else needs are
// summed out, and each pair of operands is one batched MatMul (our GEMM) between transposes and reshapes. Built
// from differentiable ops only, so its gradient is the einsum of the gradient, to any order.
public static partial class tf
{
    /// <summary>tf.einsum: <paramref name="equation"/> such as "ij,jk->ik", "bij,bjk->bik", "ii->", "...ij->...ji";
    /// without "->" the output is the labels used once, in alphabetical order (after the ellipsis).</summary>
    public static Tensor Einsum(string equation, params Tensor[] inputs)
    {
        Guard.NotNull(equation, "Einsum", "equation");
        Guard.NotNull(inputs, "Einsum", "inputs");
        if (inputs.Length == 0) throw new InvalidArgumentError("Einsum: needs at least one input.");
        foreach (var t in inputs)
        {
            NotNull(t, "Einsum", "inputs");
            RequireFloat(t, "Einsum");
            if (t.DType != inputs[0].DType)
                throw new InvalidArgumentError($"Einsum: all inputs must have one dtype, got {inputs[0].DType.Name()} and {t.DType.Name()}.");
        }
        var (labels, output) = ParseEinsum(equation, inputs);
        var sizes = LabelSizes(equation, labels, inputs);
        foreach (var c in output)
            if (!sizes.ContainsKey(c))
                throw new InvalidArgumentError($"Einsum: output label '{c}' does not appear in the inputs of \"{equation}\".");

        var operands = inputs.Select((t, k) => (Tensor: t, Labels: labels[k])).ToList();
        for (int k = 0; k < operands.Count; k++) operands[k] = TakeDiagonals(operands[k].Tensor, operands[k].Labels);
        var current = operands[0];
        for (int k = 1; k < operands.Count; k++)
        {
            // Labels still needed after this pair: the output's and those of the operands to come.
            var needed = new HashSet<char>(output);
            for (int j = k + 1; j < operands.Count; j++) needed.UnionWith(operands[j].Labels);
            var left = SumUnneeded(current, needed, operands[k].Labels);
            var right = SumUnneeded(operands[k], needed, left.Labels);
            current = ContractPair(left, right, needed);
        }
        current = SumUnneeded(current, new HashSet<char>(output), "");
        var perm = output.Select(c => current.Labels.IndexOf(c)).ToArray();
        var y = current.Tensor;
        if (!perm.SequenceEqual(Enumerable.Range(0, perm.Length))) y = Transpose(y, perm);
        // Broadcast output dimensions (an ellipsis of size 1 in every operand stays 1, others take their size).
        var outShape = output.Select(c => sizes[c]).ToArray();
        if (y.Shape != Shape.Wrap(outShape)) y = BroadcastTo(y, outShape);
        return ReferenceEquals(y, inputs[0]) ? Identity(y) : y;
    }

    /// <summary>Per input its labels (one char per dimension; an ellipsis becomes private chars, aligned from the
    /// right across inputs), and the output labels.</summary>
    private static (string[] Labels, string Output) ParseEinsum(string equation, Tensor[] inputs)
    {
        var eq = equation.Replace(" ", "");
        int arrow = eq.IndexOf("->", StringComparison.Ordinal);
        var lhs = arrow >= 0 ? eq[..arrow] : eq;
        var terms = lhs.Split(',');
        if (terms.Length != inputs.Length)
            throw new InvalidArgumentError($"Einsum: the equation \"{equation}\" has {terms.Length} input terms, but {inputs.Length} inputs were given.");
        int ellipsisRank = 0;
        for (int k = 0; k < terms.Length; k++)
        {
            var explicitCount = terms[k].Replace("...", "").Length;
            if (terms[k].Contains("...")) ellipsisRank = Math.Max(ellipsisRank, inputs[k].Rank - explicitCount);
        }
        var ellipsis = new string(Enumerable.Range(0, ellipsisRank).Select(i => (char)(0x2460 + i)).ToArray());
        var labels = new string[terms.Length];
        for (int k = 0; k < terms.Length; k++)
        {
            var term = terms[k];
            CheckLabels(term, equation);
            int explicitCount = term.Replace("...", "").Length;
            if (term.Contains("..."))
            {
                int own = inputs[k].Rank - explicitCount;
                if (own < 0) throw RankMismatch(equation, k, inputs[k]);
                term = term.Replace("...", ellipsis[(ellipsisRank - own)..]);
            }
            if (term.Length != inputs[k].Rank) throw RankMismatch(equation, k, inputs[k]);
            labels[k] = term;
        }
        string output;
        if (arrow >= 0)
        {
            var rhs = eq[(arrow + 2)..];
            CheckLabels(rhs, equation);
            output = rhs.Replace("...", ellipsis);
            if (output.Distinct().Count() != output.Length)
                throw new InvalidArgumentError($"Einsum: output subscript contains repeated labels: \"{equation}\".");
        }
        else
        {
            // Implicit: the ellipsis, then the labels that occur exactly once, sorted.
            var counts = labels.SelectMany(l => l).Where(c => !ellipsis.Contains(c)).GroupBy(c => c);
            output = ellipsis + new string(counts.Where(g => g.Count() == 1).Select(g => g.Key).OrderBy(c => c).ToArray());
        }
        return (labels, output);
    }

    private static void CheckLabels(string term, string equation)
    {
        var rest = term.Replace("...", "");
        foreach (var c in rest)
            if (!char.IsAsciiLetter(c))
                throw new InvalidArgumentError($"Einsum: invalid subscript '{c}' in \"{equation}\": labels are letters, with at most one \"...\" per term.");
        if (term.Split("...").Length > 2)
            throw new InvalidArgumentError($"Einsum: more than one ellipsis in a term of \"{equation}\".");
    }

    private static InvalidArgumentError RankMismatch(string equation, int k, Tensor t) =>
        new($"Einsum: input {k} has shape {t.Shape}, which does not match its subscripts in \"{equation}\".");

    /// <summary>The size of each label, checked across inputs; a size of 1 broadcasts against any other.</summary>
    private static Dictionary<char, int> LabelSizes(string equation, string[] labels, Tensor[] inputs)
    {
        var sizes = new Dictionary<char, int>();
        for (int k = 0; k < labels.Length; k++)
            for (int d = 0; d < labels[k].Length; d++)
            {
                char c = labels[k][d];
                int s = inputs[k].Shape[d];
                if (!sizes.TryGetValue(c, out int known) || known == 1) sizes[c] = s;
                else if (s != known && s != 1)
                    throw new InvalidArgumentError($"Einsum: label '{(c >= 0x2460 ? '.' : c)}' has size {known} and {s} in \"{equation}\" (input {k} has shape {inputs[k].Shape}).");
            }
        return sizes;
    }

    /// <summary>Replaces each label repeated within one operand by the diagonal over its dimensions.</summary>
    private static (Tensor Tensor, string Labels) TakeDiagonals(Tensor t, string labels)
    {
        while (true)
        {
            int p = -1, q = -1;
            for (int i = 0; i < labels.Length && p < 0; i++)
                for (int j = i + 1; j < labels.Length; j++)
                    if (labels[i] == labels[j]) { p = i; q = j; break; }
            if (p < 0) return (t, labels);
            if (t.Shape[p] != t.Shape[q])
                throw new InvalidArgumentError($"Einsum: repeated label '{labels[p]}' has sizes {t.Shape[p]} and {t.Shape[q]} in one operand (shape {t.Shape}).");
            // Move p and q last, take the diagonal (now the last axis), label it once.
            var order = Enumerable.Range(0, labels.Length).Where(i => i != p && i != q).Append(p).Append(q).ToArray();
            t = DiagPart(Transpose(t, order));
            labels = new string(order[..^2].Select(i => labels[i]).Append(labels[p]).ToArray());
        }
    }

    /// <summary>Sums out the labels of an operand that neither <paramref name="needed"/> nor <paramref name="other"/> has.</summary>
    private static (Tensor Tensor, string Labels) SumUnneeded((Tensor Tensor, string Labels) operand, HashSet<char> needed, string other)
    {
        var (t, labels) = operand;
        var axes = Enumerable.Range(0, labels.Length).Where(i => !needed.Contains(labels[i]) && !other.Contains(labels[i])).ToArray();
        if (axes.Length == 0) return operand;
        return (ReduceSum(t, axes), new string(labels.Where((_, i) => !axes.Contains(i)).ToArray()));
    }

    /// <summary>One batched matrix product: a as [batch, free, contracted], b as [batch, contracted, free].</summary>
    private static (Tensor Tensor, string Labels) ContractPair((Tensor Tensor, string Labels) a, (Tensor Tensor, string Labels) b, HashSet<char> needed)
    {
        var batch = a.Labels.Where(c => b.Labels.Contains(c) && needed.Contains(c)).ToArray();
        var contracted = a.Labels.Where(c => b.Labels.Contains(c) && !needed.Contains(c)).ToArray();
        var leftFree = a.Labels.Where(c => !b.Labels.Contains(c)).ToArray();
        var rightFree = b.Labels.Where(c => !a.Labels.Contains(c)).ToArray();
        int Size((Tensor Tensor, string Labels) o, char c) => o.Tensor.Shape[o.Labels.IndexOf(c)];
        // A label of size 1 on one side broadcasts to the other's size (ellipsis broadcasting).
        var batchSizes = batch.Select(c => Math.Max(Size(a, c), Size(b, c))).ToArray();
        var contractedSizes = contracted.Select(c => Math.Max(Size(a, c), Size(b, c))).ToArray();
        var leftSizes = leftFree.Select(c => Size(a, c)).ToArray();
        var rightSizes = rightFree.Select(c => Size(b, c)).ToArray();
        var at = Arrange(a, [.. batch, .. leftFree, .. contracted], [.. batchSizes, .. leftSizes, .. contractedSizes]);
        var bt = Arrange(b, [.. batch, .. contracted, .. rightFree], [.. batchSizes, .. contractedSizes, .. rightSizes]);
        int nb = batchSizes.Aggregate(1, (p, s) => p * s), m = leftSizes.Aggregate(1, (p, s) => p * s);
        int k = contractedSizes.Aggregate(1, (p, s) => p * s), n = rightSizes.Aggregate(1, (p, s) => p * s);
        var product = MatMul(Reshape(at, [nb, m, k]), Reshape(bt, [nb, k, n]));
        var result = Reshape(product, [.. batchSizes, .. leftSizes, .. rightSizes]);
        return (result, new string([.. batch, .. leftFree, .. rightFree]));
    }

    /// <summary>The operand transposed to <paramref name="order"/> and broadcast to <paramref name="sizes"/>.</summary>
    private static Tensor Arrange((Tensor Tensor, string Labels) o, char[] order, int[] sizes)
    {
        var perm = order.Select(c => o.Labels.IndexOf(c)).ToArray();
        var t = perm.SequenceEqual(Enumerable.Range(0, perm.Length)) ? o.Tensor : Transpose(o.Tensor, perm);
        return t.Shape == Shape.Wrap(sizes) ? t : BroadcastTo(t, sizes);
    }
}
