using Graphs;

// Live objects of a .gcdump summed by type: "bytes<TAB>count<TAB>type" per line, largest first, after a "# total" line.
var graph = new GCHeapDump(args[0]).MemoryGraph;
var byType = new Dictionary<string, (long Bytes, long Count)>(StringComparer.Ordinal);
var node = graph.AllocNodeStorage();
var type = graph.AllocTypeNodeStorage();
for (NodeIndex i = 0; i < graph.NodeIndexLimit; i++)
{
    graph.GetNode(i, node);
    if (node.Size == 0)
    {
        continue;
    }

    var name = graph.GetType(node.TypeIndex, type).Name;
    byType.TryGetValue(name, out var sum);
    byType[name] = (sum.Bytes + node.Size, sum.Count + 1);
}

Console.WriteLine($"# total {byType.Values.Sum(v => v.Bytes)} objects {byType.Values.Sum(v => v.Count)}");
foreach (var (name, sum) in byType.OrderByDescending(p => p.Value.Bytes))
{
    Console.WriteLine($"{sum.Bytes}\t{sum.Count}\t{name}");
}
