namespace NoCodeCrm.Bench;

/// <summary>The entity every benchmark writes and reads.</summary>
internal static class BenchModel
{
    public const string Document = """
        {"settings":{"defaultLanguage":"en","languages":["en"]},
         "entities":[{"name":"bench_item","label":{"en":"Bench item"},"primaryField":"name","fields":[
           {"name":"name","type":"text","required":true,"maxLength":200},
           {"name":"amount","type":"integer","searchable":true},
           {"name":"score","type":"decimal","precision":12,"scale":2},
           {"name":"due","type":"date"}]}]}
        """;
}
