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
        var mapped = new HashSet<string>(StringComparer.Ordinal);
        var mappedMembers = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        for (var current = type; current is not null; current = current.BaseType)
        {
            var positional = PositionalParameters(current);
            foreach (var member in current.GetMembers())
            {
                if (member is not (IPropertySymbol or IFieldSymbol) || member.IsImplicitlyDeclared || member.IsStatic) continue;
                members.Add(member);
                // A record's positional property is mapped by an attribute on its parameter.
                var field = MappedField(member.GetAttributes())
                    ?? (positional.TryGetValue(member.Name, out var parameter) ? MappedField(parameter.GetAttributes()) : null);
                if (field is null) continue;
                mapped.Add(field);
                mappedMembers.Add(member);
            }
        }

        foreach (var (field, names) in wanted)
        {
            if (mapped.Contains(FieldPrefix + field)) continue;
            var match = members.FirstOrDefault(m =>
                names.Contains(m.Name, StringComparer.OrdinalIgnoreCase)
                && (m is IPropertySymbol { Type.SpecialType: SpecialType.System_String } || m is IFieldSymbol { Type.SpecialType: SpecialType.System_String })
                && m.DeclaringSyntaxReferences.Length > 0
                && !mappedMembers.Contains(m));
            if (match is null) continue;
            mappedMembers.Add(match);
            yield return (match, field);
        }
    }

    private const string FieldPrefix = "Pinterest.Conversions.PinterestField.";

    /// <summary>The field a [MapTo] among <paramref name="attributes"/> names, as written in C# (PinterestField.X), or null.</summary>
    private static string? MappedField(ImmutableArray<AttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass?.ToDisplayString() == "Pinterest.Conversions.MapToAttribute" && attribute.ConstructorArguments.Length == 1)
                return attribute.ConstructorArguments[0].ToCSharpString();
        }
        return null;
    }

    /// <summary>A record's positional parameters by name: those of the constructor declared by the record declaration itself.</summary>
    private static Dictionary<string, IParameterSymbol> PositionalParameters(INamedTypeSymbol type)
    {
        var parameters = new Dictionary<string, IParameterSymbol>(StringComparer.Ordinal);
        if (!type.IsRecord) return parameters;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (!constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is RecordDeclarationSyntax)) continue;
            foreach (var parameter in constructor.Parameters) parameters[parameter.Name] = parameter;
        }
        return parameters;
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
        // Simplified to MapTo(PinterestField.X) where the namespace is imported, or a shorter qualified form where not.
        var attribute = SyntaxFactory.Attribute(
            SyntaxFactory.ParseName("global::Pinterest.Conversions.MapTo").WithAdditionalAnnotations(Simplifier.Annotation),
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(
                SyntaxFactory.ParseExpression("global::Pinterest.Conversions.PinterestField." + field).WithAdditionalAnnotations(Simplifier.Annotation)))));
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute));

        // The new list goes first and takes over the node's leading trivia (blank lines, comments, doc comments,
        // indentation): a member's attribute on its own line below its comments, a parameter's inline.
        var leading = node.GetLeadingTrivia();
        var indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
            : SyntaxFactory.TriviaList();
        list = list.WithLeadingTrivia(leading);
        return node switch
        {
            PropertyDeclarationSyntax property => property.WithLeadingTrivia(indentation)
                .WithAttributeLists(property.WithLeadingTrivia(indentation).AttributeLists.Insert(0, list.WithTrailingTrivia(NewLine(node)))),
            FieldDeclarationSyntax fieldDeclaration => fieldDeclaration.WithLeadingTrivia(indentation)
                .WithAttributeLists(fieldDeclaration.WithLeadingTrivia(indentation).AttributeLists.Insert(0, list.WithTrailingTrivia(NewLine(node)))),
            ParameterSyntax parameter => parameter.WithoutLeadingTrivia()
                .WithAttributeLists(parameter.WithoutLeadingTrivia().AttributeLists.Insert(0, list.WithTrailingTrivia(SyntaxFactory.Space))),
            _ => node,
        };
    }

    /// <summary>The document's own line ending.</summary>
    private static SyntaxTrivia NewLine(SyntaxNode node)
    {
        foreach (var trivia in node.SyntaxTree.GetRoot().DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia)) return trivia;
        }
        return SyntaxFactory.CarriageReturnLineFeed;
    }
}
