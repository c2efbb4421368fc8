namespace ShipSec.Activities.Web.WhatWeb;

/// <summary>What whatweb recognised on one URL.</summary>
public sealed record WhatWebResult(string Target, int? Status, string? Title, IReadOnlyList<WebTechnology> Technologies);

/// <summary>One recognised technology (a whatweb plugin match) with the versions and strings it reported.</summary>
public sealed record WebTechnology(string Name, IReadOnlyList<string> Versions, IReadOnlyList<string> Details);
