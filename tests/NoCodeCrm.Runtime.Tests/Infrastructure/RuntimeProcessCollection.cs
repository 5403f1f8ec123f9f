namespace NoCodeCrm.Runtime.Tests.Infrastructure;

/// <summary>Tests that start runtime processes run one at a time: each already loads both cores of the CI machine.</summary>
[CollectionDefinition(Name)]
public sealed class RuntimeProcessCollection
{
    public const string Name = "runtime processes";
}
