using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Pinterest.Conversions.CodeFixes;

/// <summary>
/// PIN011 and PIN010: maps unmapped string members whose names say what they hold (<c>Ip</c>, <c>UserAgent</c>,
/// <c>Email</c>, ...) to the missing fields.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MapMembersCodeFixProvider)), Shared]
public sealed class MapMembersCodeFixProvider : CodeFixProvider
{
    private static readonly (string Field, string[] Names)[] IpAndUserAgent =
    {
        ("ClientIpAddress", new[] { "Ip", "IpAddress", "ClientIp", "ClientIpAddress", "RemoteIp", "RemoteIpAddress", "UserIp", "UserIpAddress" }),
        ("ClientUserAgent", new[] { "UserAgent", "ClientUserAgent", "Ua", "BrowserUserAgent", "UserAgentString" }),
    };

    private static readonly (string Field, string[] Names)[] EmailNames =
    {
        ("Email", new[] { "Email", "EmailAddress", "CustomerEmail", "UserEmail", "Mail", "EMail" }),
    };

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("PIN010", "PIN011");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration
                || model.GetDeclaredSymbol(declaration, context.CancellationToken) is not INamedTypeSymbol type)
                continue;

            var wanted = diagnostic.Id == "PIN011" ? IpAndUserAgent : EmailNames;
            var candidates = Candidates(type, wanted).ToList();
            if (candidates.Count == 0) continue;

            var title = "Map " + string.Join(" and ", candidates.Select(c => $"'{c.Member.Name}' to {c.Field}"));
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => MapAsync(context.Document, candidates, ct), diagnostic.Id + "-map-members"),
                diagnostic);
        }
    }

    /// <summary>Unmapped string members of the type and its source bases whose names fit, one per missing field.</summary>
    private static IEnumerable<(ISymbol Member, string Field)> Candidates(INamedTypeSymbol type, (string Field, string[] Names)[] wanted)
    {
        var members = new List<ISymbol>();
        for (var current = type; current is not null; current = current.BaseType)
            members.AddRange(current.GetMembers().Where(m => m is IPropertySymbol or IFieldSymbol && !m.IsImplicitlyDeclared && !m.IsStatic));

        var mapped = new HashSet<string>(members.SelectMany(m => m.GetAttributes())
            .Where(a => a.AttributeClass?.Name == "MapToAttribute" && a.ConstructorArguments.Length == 1)
            .Select(a => a.ConstructorArguments[0].ToCSharpString()), StringComparer.Ordinal);

        foreach (var (field, names) in wanted)
        {
            if (mapped.Contains("Pinterest.Conversions.PinterestField." + field)) continue;
            var match = members.FirstOrDefault(m =>
                names.Contains(m.Name, StringComparer.OrdinalIgnoreCase)
                && (m is IPropertySymbol { Type.SpecialType: SpecialType.System_String } || m is IFieldSymbol { Type.SpecialType: SpecialType.System_String })
                && m.DeclaringSyntaxReferences.Length > 0
                && !m.GetAttributes().Any(a => a.AttributeClass?.Name == "MapToAttribute"));
            if (match is not null) yield return (match, field);
        }
    }

    private static async Task<Solution> MapAsync(Document document, IReadOnlyList<(ISymbol Member, string Field)> candidates, CancellationToken cancellationToken)
    {
        var solution = document.Project.Solution;
        foreach (var group in candidates.GroupBy(c => c.Member.DeclaringSyntaxReferences[0].SyntaxTree))
        {
            var target = solution.GetDocument(group.Key);
            if (target is null) continue;
            var root = await target.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) continue;

            var nodes = group.ToDictionary(c => MemberNode(c.Member, cancellationToken), c => c.Field);
            var newRoot = root.ReplaceNodes(nodes.Keys, (original, rewritten) => AddAttribute(rewritten, nodes[original]));
            solution = solution.WithDocumentSyntaxRoot(target.Id, newRoot);
        }
        return solution;
    }

    /// <summary>The declaration that carries attributes: the property, the field declaration, or the record parameter.</summary>
    private static SyntaxNode MemberNode(ISymbol member, CancellationToken cancellationToken)
    {
        var node = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        return node is VariableDeclaratorSyntax ? node.FirstAncestorOrSelf<FieldDeclarationSyntax>()! : node;
    }

    private static SyntaxNode AddAttribute(SyntaxNode node, string field)
    {
        var attribute = SyntaxFactory.Attribute(
            SyntaxFactory.ParseName("global::Pinterest.Conversions.MapTo").WithAdditionalAnnotations(Simplifier.Annotation),
            SyntaxFactory.ParseAttributeArgumentList($"(global::Pinterest.Conversions.PinterestField.{field})")!.WithAdditionalAnnotations(Simplifier.Annotation));
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute));
        // The formatter puts the new attribute list on its own line, indented like the member.
        return node switch
        {
            PropertyDeclarationSyntax property => property.AddAttributeLists(list).WithAdditionalAnnotations(Formatter.Annotation),
            FieldDeclarationSyntax fieldDeclaration => fieldDeclaration.AddAttributeLists(list).WithAdditionalAnnotations(Formatter.Annotation),
            ParameterSyntax parameter => parameter.AddAttributeLists(list).WithAdditionalAnnotations(Formatter.Annotation),
            _ => node,
        };
    }
}
