using System.Globalization;
using System.Text.Json;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// Sage's analysis of a split, its department (DEPT_NUMBER, named in DEPARTMENT) and project (PROJECT_ID, named in
/// PROJECT), written as Codat's tracking categories. Ids are prefixed (<c>department-3</c>, <c>project-1</c>) because
/// both kinds share Codat's one list of tracking categories. Department 0 is Sage's "Default", the department a split
/// has when nobody chose one, and project 0 is "no project": neither is written.
/// </summary>
public sealed class SageTracking(IReadOnlyDictionary<int, string> departments, IReadOnlyDictionary<int, string> projects)
{
    /// <summary>The optional split or journal columns that carry the analysis.</summary>
    public static readonly string[] Columns = ["DEPT_NUMBER", "DEPT_NAME", "PROJECT_ID"];

    private static readonly SageSelect DepartmentSelect = new("DEPARTMENT", ["NUMBER", "NAME"], OrderBy: "NUMBER");
    private static readonly SageSelect ProjectSelect = new("PROJECT", ["PROJECT_ID", "NAME"], OrderBy: "PROJECT_ID");

    public static string DepartmentId(int number) => "department-" + number.ToString(CultureInfo.InvariantCulture);

    public static string ProjectId(int id) => "project-" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Department and project names; a company whose Sage has no PROJECT table (or DEPARTMENT) reads without them.</summary>
    public static async Task<SageTracking> LoadAsync(ISage50DataSource source, CancellationToken cancellationToken) =>
        new(await NamesAsync(source, DepartmentSelect, cancellationToken), await NamesAsync(source, ProjectSelect, cancellationToken));

    /// <summary>A document line's <c>trackingCategoryRefs</c> and <c>tracking</c> (Codat's AccountsReceivable/PayableTracking).</summary>
    public void WriteLineTracking(Utf8JsonWriter json, SageRows rows, Ordinals columns)
    {
        var (department, departmentName, project) = Read(rows, columns);
        if (department == 0 && project == 0)
        {
            return;
        }

        json.WriteStartArray("trackingCategoryRefs");
        WriteCategoryRefs(json, department, departmentName, project);
        json.WriteEndArray();
        json.WriteStartObject("tracking");
        json.WriteStartArray("categoryRefs");
        WriteCategoryRefs(json, department, departmentName, project);
        json.WriteEndArray();
        if (project != 0)
        {
            json.WriteRef("projectRef", ProjectId(project), "name", projects.GetValueOrDefault(project));
        }

        json.WriteString("isBilledTo", project != 0 ? "Project" : "NotApplicable");
        json.WriteString("isRebilledTo", "NotApplicable");
        json.WriteEndObject();
    }

    /// <summary>A journal line's <c>tracking.recordRefs</c>: its department and project as tracking categories.</summary>
    public static void WriteJournalTracking(Utf8JsonWriter json, SageRows rows, Ordinals columns)
    {
        var (department, _, project) = Read(rows, columns);
        if (department == 0 && project == 0)
        {
            return;
        }

        json.WriteStartObject("tracking");
        json.WriteStartArray("recordRefs");
        foreach (var id in new[] { department != 0 ? DepartmentId(department) : null, project != 0 ? ProjectId(project) : null })
        {
            if (id is not null)
            {
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteString("dataType", "trackingCategories");
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static (int Department, string? DepartmentName, int Project) Read(SageRows rows, Ordinals columns) =>
        (rows.Int(columns.Department), rows.Text(columns.DepartmentName), rows.Int(columns.Project));

    private void WriteCategoryRefs(Utf8JsonWriter json, int department, string? splitDepartmentName, int project)
    {
        if (department != 0)
        {
            json.WriteStartObject();
            json.WriteString("id", DepartmentId(department));
            // The split carries the department's name as it was when posted; the DEPARTMENT table has it as it is now.
            json.WriteText("name", departments.GetValueOrDefault(department) ?? splitDepartmentName);
            json.WriteEndObject();
        }

        if (project != 0)
        {
            json.WriteStartObject();
            json.WriteString("id", ProjectId(project));
            json.WriteText("name", projects.GetValueOrDefault(project));
            json.WriteEndObject();
        }
    }

    private static async Task<IReadOnlyDictionary<int, string>> NamesAsync(ISage50DataSource source, SageSelect select, CancellationToken cancellationToken)
    {
        var names = new Dictionary<int, string>();
        if ((await source.GetColumnsAsync(select.Table, cancellationToken)).Count == 0)
        {
            return names;
        }

        await using var rows = await select.OpenAsync(source, cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            if (rows.Text(1) is { } name)
            {
                names[rows.Int(0)] = name;
            }
        }

        return names;
    }

    /// <summary>Where the analysis columns are in a row set (-1 when this Sage version lacks one).</summary>
    public sealed class Ordinals(SageRows rows)
    {
        public int Department { get; } = rows.Ordinal("DEPT_NUMBER");

        public int DepartmentName { get; } = rows.Ordinal("DEPT_NAME");

        public int Project { get; } = rows.Ordinal("PROJECT_ID");
    }
}
