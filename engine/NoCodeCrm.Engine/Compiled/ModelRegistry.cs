using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Compiled;

/// <summary>Holds the current compiled model in one reference, swapped atomically on publish; a request reads it once.</summary>
public sealed class ModelRegistry(SchemaNames names)
{
    private CompiledModel _current = new(CrmModel.Empty, names);

    public SchemaNames Names => names;
    public CompiledModel Current => Volatile.Read(ref _current);

    /// <summary>Raised after a newer version is installed; handlers must return quickly (they run on the publisher's thread).</summary>
    public event Action<CompiledModel>? Installed;

    /// <summary>Installs a newer version; an older one (a late notification) is ignored.</summary>
    public CompiledModel Install(CrmModel model)
    {
        var compiled = new CompiledModel(model, names);
        while (true)
        {
            var current = Current;
            if (current.Version >= model.Version && current.Version != 0) return current;
            if (Interlocked.CompareExchange(ref _current, compiled, current) != current) continue;
            Installed?.Invoke(compiled);
            return compiled;
        }
    }
}
