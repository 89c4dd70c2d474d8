// Every declared API member is one the firmware really uses: the declarations hold exactly what the device code needs.
namespace Phone.Device.Tests
{
    using System.Collections.Generic;
    using System.IO;
    using System.Linq;
    using System.Reflection;
    using System.Reflection.Metadata;
    using System.Reflection.PortableExecutable;

    public class DeclarationUseTests
    {
        private static string TypeName(MetadataReader md, EntityHandle h)
        {
            switch (h.Kind)
            {
                case HandleKind.TypeReference:
                    var tr = md.GetTypeReference((TypeReferenceHandle)h);
                    return md.GetString(tr.Namespace) + "." + md.GetString(tr.Name);
                case HandleKind.TypeDefinition:
                    var td = md.GetTypeDefinition((TypeDefinitionHandle)h);
                    return md.GetString(td.Namespace) + "." + md.GetString(td.Name);
                default:
                    return "?";
            }
        }

        // "Namespace.Type::member" for every member the device assembly references (accessors reduced to the property/event name).
        private static HashSet<string> ReferencedMembers(string assembly)
        {
            using var pe = new PEReader(File.OpenRead(assembly));
            var md = pe.GetMetadataReader();
            var used = new HashSet<string>();
            foreach (var h in md.MemberReferences)
            {
                var mr = md.GetMemberReference(h);
                string name = md.GetString(mr.Name);
                foreach (var prefix in new[] { "get_", "set_", "add_", "remove_" })
                {
                    if (name.StartsWith(prefix)) name = name.Substring(prefix.Length);
                }
                used.Add(TypeName(md, mr.Parent) + "::" + name);
            }
            return used;
        }

        [Fact]
        public void Every_declared_member_is_referenced_by_the_firmware()
        {
            var unused = Unused(DeviceIlGuardTests.DeviceAssembly, TwoWorldsTests.DeclarationProjects(), out int checkedMembers);
            Assert.True(checkedMembers > 60, "only " + checkedMembers + " members checked");
            Assert.True(unused.Count == 0, "declared but not used by the firmware:\n  " + string.Join("\n  ", unused.Distinct()));
        }

        [Fact]
        public void Every_declared_test_framework_member_is_referenced_by_the_device_tests()
        {
            var unused = Unused(DeviceTestsIlGuardTests.TestAssembly, TwoWorldsTests.DeviceTestDeclarationProjects(), out int checkedMembers);
            Assert.True(checkedMembers >= 8, "only " + checkedMembers + " members checked");
            Assert.True(unused.Count == 0, "declared but not used by the device tests:\n  " + string.Join("\n  ", unused.Distinct()));
        }

        // Public members of the declaration assemblies (next to the consumer in its output folder) that it never references.
        internal static List<string> Unused(string consumer, IEnumerable<string> projects, out int checkedMembers)
        {
            var used = ReferencedMembers(consumer);
            string output = Path.GetDirectoryName(consumer);
            var unused = new List<string>();
            checkedMembers = 0;
            foreach (var project in projects)
            {
                string dll = Path.Combine(output, TwoWorldsTests.Property(project, "AssemblyName") + ".dll");
                using var pe = new PEReader(File.OpenRead(dll));
                var md = pe.GetMetadataReader();
                foreach (var th in md.TypeDefinitions)
                {
                    var type = md.GetTypeDefinition(th);
                    if ((type.Attributes & TypeAttributes.VisibilityMask) != TypeAttributes.Public) continue;
                    string typeName = md.GetString(type.Namespace) + "." + md.GetString(type.Name);
                    string baseName = type.BaseType.IsNil ? "" : TypeName(md, type.BaseType);
                    // Enum values are constants and delegate members are the runtime's: neither appears as a reference.
                    if (baseName == "System.Enum" || baseName == "System.MulticastDelegate") continue;
                    bool disposable = type.GetInterfaceImplementations()
                        .Any(i => TypeName(md, md.GetInterfaceImplementation(i).Interface) == "System.IDisposable");
                    foreach (var mh in type.GetMethods())
                    {
                        var m = md.GetMethodDefinition(mh);
                        var access = m.Attributes & MethodAttributes.MemberAccessMask;
                        if (access != MethodAttributes.Public && access != MethodAttributes.Family) continue;
                        string name = md.GetString(m.Name);
                        // Required by the language, not chosen: IDisposable.Dispose on a disposable type, and the
                        // protected constructor a declared derived class chains to.
                        if (disposable && name == "Dispose") continue;
                        if (name == ".ctor" && access == MethodAttributes.Family) continue;
                        // The compiler's implicit public constructor: declarations whose real type has no public
                        // parameterless constructor suppress it with an internal one, so one left here is real.
                        if (name == ".ctor" && m.GetParameters().Count == 0) continue;
                        foreach (var prefix in new[] { "get_", "set_", "add_", "remove_" })
                        {
                            if (name.StartsWith(prefix)) name = name.Substring(prefix.Length);
                        }
                        checkedMembers++;
                        if (!used.Contains(typeName + "::" + name)) unused.Add(typeName + "::" + name);
                    }
                    foreach (var fh in type.GetFields())
                    {
                        var f = md.GetFieldDefinition(fh);
                        if ((f.Attributes & FieldAttributes.FieldAccessMask) != FieldAttributes.Public) continue;
                        checkedMembers++;
                        string name = typeName + "::" + md.GetString(f.Name);
                        if (!used.Contains(name)) unused.Add(name);
                    }
                }
            }
            return unused;
        }
    }
}
