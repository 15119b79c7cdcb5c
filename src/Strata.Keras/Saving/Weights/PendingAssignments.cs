namespace Strata.Keras.Saving;

/// <summary>
/// Values read and checked but not yet given to the model: loading collects every weight (and the optimizer's
/// state) here, and only when the whole file has passed its checks does <see cref="Commit"/> assign them, so a bad
/// file never leaves a model half loaded.
/// </summary>
internal sealed class PendingAssignments
{
    private readonly List<(Variable Variable, Tensor Value)> _weights = new();
    private readonly List<Action> _actions = new();

    public int WeightCount => _weights.Count;

    public void Add(Variable variable, Tensor value) =>
        _weights.Add((variable, value.DType == variable.DType ? value : tf.Cast(value, variable.DType)));

    public void Add(Action action) => _actions.Add(action);

    public void Commit()
    {
        foreach (var (v, value) in _weights) v.Assign(value);
        foreach (var a in _actions) a();
    }
}
