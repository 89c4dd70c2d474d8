// The IL guard: reads a nano-built assembly and lists what nanoCLR 1.17 cannot run although it compiled.
namespace NanoGuard
{
    using System;
    using System.Collections.Generic;
    using System.IO;
    using System.Reflection;
    using System.Reflection.Emit;
    using System.Reflection.Metadata;
    using System.Reflection.Metadata.Ecma335;
    using System.Reflection.PortableExecutable;

    /// <summary>
    /// Checks an assembly compiled against nanoFramework mscorlib 1.17 for constructs that compile but fail on
    /// nanoCLR 1.17 (generics, pointers, default interface methods, volatile, enum.ToString()) and for
    /// allocations inside methods marked [HotPath].
    /// </summary>
    public sealed class NanoIlGuard
    {
        private static readonly Dictionary<ushort, OpCode> OpCodesByValue = BuildOpCodeTable();

        private readonly HashSet<string> _externalEnums = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>
        /// Creates a guard. <paramref name="referencePaths"/> are the assemblies the checked one references
        /// (nano mscorlib, …), read only to know which of their types are enums.
        /// </summary>
        public NanoIlGuard(IEnumerable<string> referencePaths)
        {
            foreach (string path in referencePaths)
            {
                using var pe = new PEReader(File.OpenRead(path));
                MetadataReader md = pe.GetMetadataReader();
                foreach (TypeDefinitionHandle h in md.TypeDefinitions)
                {
                    if (IsEnum(md, md.GetTypeDefinition(h))) _externalEnums.Add(MetadataNames.Of(md, h));
                }
            }
        }

        /// <summary>
        /// Most IL one device assembly may hold. A nanoFramework .pe addresses byte code with 16-bit offsets (64 KB), and
        /// the metadata processor's byte code measured ~0.76× the IL of our code (docs/NANOCLR.md); 80,000 bytes of IL is
        /// ~61 KB of byte code, leaving a margin.
        /// </summary>
        public const int MaxIlBytesPerAssembly = 80000;

        /// <summary>Total IL bytes of every method body in an assembly image.</summary>
        public static int IlBytes(byte[] image)
        {
            using var pe = new PEReader(new MemoryStream(image, writable: false));
            MetadataReader md = pe.GetMetadataReader();
            int total = 0;
            foreach (MethodDefinitionHandle h in md.MethodDefinitions)
            {
                MethodDefinition m = md.GetMethodDefinition(h);
                if (m.RelativeVirtualAddress != 0) total += pe.GetMethodBody(m.RelativeVirtualAddress).Size;
            }
            return total;
        }

        /// <summary>Checks the assembly at <paramref name="path"/>.</summary>
        public IReadOnlyList<GuardViolation> Check(string path) => Check(File.ReadAllBytes(path));

        /// <summary>Checks an assembly image.</summary>
        public IReadOnlyList<GuardViolation> Check(byte[] image)
        {
            var found = new List<GuardViolation>();
            using var pe = new PEReader(new MemoryStream(image, writable: false));
            MetadataReader md = pe.GetMetadataReader();
            var scanner = new SignatureScanner(md);

            foreach (TypeDefinitionHandle th in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(th);
                string typeName = MetadataNames.Of(md, th);
                if (type.GetGenericParameters().Count > 0)
                    found.Add(new GuardViolation(GuardRule.GenericDefinition, typeName, "generic type definition"));

                foreach (FieldDefinitionHandle fh in type.GetFields())
                {
                    FieldDefinition field = md.GetFieldDefinition(fh);
                    scanner.Clear();
                    string fieldType = field.DecodeSignature(scanner, null);
                    ReportSignature(found, scanner, MetadataNames.Of(md, fh), "field of type " + fieldType);
                    if (scanner.SawVolatile)
                        found.Add(new GuardViolation(GuardRule.VolatileField, MetadataNames.Of(md, fh), "volatile field"));
                }

                bool isInterface = (type.Attributes & TypeAttributes.Interface) != 0;
                foreach (MethodDefinitionHandle mh in type.GetMethods())
                {
                    MethodDefinition method = md.GetMethodDefinition(mh);
                    string methodName = MetadataNames.Of(md, mh);
                    if (method.GetGenericParameters().Count > 0)
                        found.Add(new GuardViolation(GuardRule.GenericDefinition, methodName, "generic method definition"));
                    if (isInterface && (method.Attributes & MethodAttributes.Abstract) == 0)
                        found.Add(new GuardViolation(GuardRule.DefaultInterfaceMethod, methodName, "interface method with a body"));

                    scanner.Clear();
                    method.DecodeSignature(scanner, null);
                    ReportSignature(found, scanner, methodName, "in its signature");

                    if (method.RelativeVirtualAddress != 0)
                    {
                        MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
                        if (!body.LocalSignature.IsNil)
                        {
                            scanner.Clear();
                            md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(scanner, null);
                            ReportSignature(found, scanner, methodName, "in a local variable");
                        }
                        ScanBody(found, md, scanner, methodName, body, IsHot(md, method));
                    }
                }
            }
            return found;
        }

        private static void ReportSignature(List<GuardViolation> found, SignatureScanner scanner, string member, string where)
        {
            if (scanner.SawGenericInstance)
                found.Add(new GuardViolation(GuardRule.GenericInstantiation, member, "generic instantiation " + where));
            if (scanner.SawPointer)
                found.Add(new GuardViolation(GuardRule.PointerType, member, "pointer type " + where));
        }

        private void ScanBody(List<GuardViolation> found, MetadataReader md, SignatureScanner scanner, string member, MethodBodyBlock body, bool hot)
        {
            BlobReader il = body.GetILReader();
            EntityHandle constrainedTo = default;
            while (il.RemainingBytes > 0)
            {
                ushort value = il.ReadByte();
                if (value == 0xFE) value = (ushort)(0xFE00 | il.ReadByte());
                if (!OpCodesByValue.TryGetValue(value, out OpCode op))
                {
                    throw new InvalidDataException(member + ": unreadable IL opcode 0x" + value.ToString("X"));
                }

                EntityHandle token = default;
                string literal = null;
                switch (op.OperandType)
                {
                    case OperandType.InlineString:
                        literal = md.GetUserString(MetadataTokens.UserStringHandle(il.ReadInt32() & 0x00FFFFFF));
                        break;
                    case OperandType.InlineNone: break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar: il.Offset += 1; break;
                    case OperandType.InlineVar: il.Offset += 2; break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR: il.Offset += 8; break;
                    case OperandType.InlineSwitch:
                        int targets = il.ReadInt32(); // read first: `Offset += 4 * Read…` would lose the read's advance
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineTok:
                    case OperandType.InlineType:
                        token = MetadataTokens.EntityHandle(il.ReadInt32());
                        break;
                    default: il.Offset += 4; break; // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
                }

                if (!token.IsNil) CheckToken(found, md, scanner, member, token);

                if (op == OpCodes.Constrained)
                {
                    constrainedTo = token;
                    continue;
                }

                string target = token.IsNil ? null : DescribeMember(md, scanner, token);
                if ((op == OpCodes.Callvirt || op == OpCodes.Call) && target != null)
                {
                    if (target == "System.Enum::ToString"
                        || (target == "System.Object::ToString" && !constrainedTo.IsNil && IsEnumType(md, constrainedTo)))
                        found.Add(new GuardViolation(GuardRule.EnumToString, member, "enum.ToString() prints a number on nanoCLR; use a name table"));
                }
                if (op == OpCodes.Box && IsEnumType(md, token))
                    found.Add(new GuardViolation(GuardRule.EnumToString, member,
                        "boxes enum " + MetadataNames.OfType(md, token, scanner) + " (formatting it prints a number on nanoCLR; use a name table)"));

                if (hot)
                {
                    if (op == OpCodes.Newobj) found.Add(new GuardViolation(GuardRule.HotPathAllocation, member, "newobj " + target));
                    else if (op == OpCodes.Newarr) found.Add(new GuardViolation(GuardRule.HotPathAllocation, member, "newarr " + MetadataNames.OfType(md, token, scanner)));
                    else if (op == OpCodes.Box) found.Add(new GuardViolation(GuardRule.HotPathAllocation, member, "box " + MetadataNames.OfType(md, token, scanner)));
                    // nanoCLR has no string interning: every ldstr creates a string heap block (its text stays in flash).
                    else if (op == OpCodes.Ldstr) found.Add(new GuardViolation(GuardRule.HotPathAllocation, member, "ldstr \"" + literal + "\" (a string object per execution on nanoCLR; keep literals off the per-frame path)"));
                    else if ((op == OpCodes.Call || op == OpCodes.Callvirt) && (target == "System.String::Concat" || target == "System.String::Format"))
                        found.Add(new GuardViolation(GuardRule.HotPathAllocation, member, "call " + target));
                }
                constrainedTo = default;
            }
        }

        private static void CheckToken(List<GuardViolation> found, MetadataReader md, SignatureScanner scanner, string member, EntityHandle token)
        {
            switch (token.Kind)
            {
                case HandleKind.MethodSpecification:
                    found.Add(new GuardViolation(GuardRule.GenericInstantiation, member, "calls generic method " + DescribeMember(md, scanner, token)));
                    break;
                case HandleKind.TypeSpecification:
                    scanner.Clear();
                    string spec = md.GetTypeSpecification((TypeSpecificationHandle)token).DecodeSignature(scanner, null);
                    if (scanner.SawGenericInstance || scanner.SawGenericParameter)
                        found.Add(new GuardViolation(GuardRule.GenericInstantiation, member, "uses " + spec));
                    if (scanner.SawPointer)
                        found.Add(new GuardViolation(GuardRule.PointerType, member, "uses " + spec));
                    break;
                case HandleKind.MemberReference:
                    MemberReference mr = md.GetMemberReference((MemberReferenceHandle)token);
                    scanner.Clear();
                    if (mr.Parent.Kind == HandleKind.TypeSpecification)
                        md.GetTypeSpecification((TypeSpecificationHandle)mr.Parent).DecodeSignature(scanner, null);
                    if (mr.GetKind() == MemberReferenceKind.Method) mr.DecodeMethodSignature(scanner, null);
                    else mr.DecodeFieldSignature(scanner, null);
                    if (scanner.SawGenericInstance)
                        found.Add(new GuardViolation(GuardRule.GenericInstantiation, member, "uses " + DescribeMember(md, scanner, token)));
                    if (scanner.SawPointer)
                        found.Add(new GuardViolation(GuardRule.PointerType, member, "uses " + DescribeMember(md, scanner, token)));
                    break;
            }
        }

        private static string DescribeMember(MetadataReader md, SignatureScanner scanner, EntityHandle token)
        {
            switch (token.Kind)
            {
                case HandleKind.MethodDefinition: return MetadataNames.Of(md, (MethodDefinitionHandle)token);
                case HandleKind.FieldDefinition: return MetadataNames.Of(md, (FieldDefinitionHandle)token);
                case HandleKind.MemberReference:
                    MemberReference mr = md.GetMemberReference((MemberReferenceHandle)token);
                    string parent = mr.Parent.Kind == HandleKind.MethodDefinition
                        ? MetadataNames.Of(md, (MethodDefinitionHandle)mr.Parent)
                        : MetadataNames.OfType(md, mr.Parent, scanner);
                    return parent + "::" + md.GetString(mr.Name);
                case HandleKind.MethodSpecification:
                    return DescribeMember(md, scanner, md.GetMethodSpecification((MethodSpecificationHandle)token).Method);
                default:
                    return MetadataNames.OfType(md, token, scanner);
            }
        }

        private bool IsEnumType(MetadataReader md, EntityHandle handle)
        {
            if (handle.Kind == HandleKind.TypeDefinition) return IsEnum(md, md.GetTypeDefinition((TypeDefinitionHandle)handle));
            if (handle.Kind == HandleKind.TypeReference) return _externalEnums.Contains(MetadataNames.Of(md, (TypeReferenceHandle)handle));
            return false;
        }

        private static bool IsEnum(MetadataReader md, TypeDefinition type)
        {
            EntityHandle baseType = type.BaseType;
            if (baseType.IsNil) return false;
            string name = baseType.Kind switch
            {
                HandleKind.TypeReference => MetadataNames.Of(md, (TypeReferenceHandle)baseType),
                HandleKind.TypeDefinition => MetadataNames.Of(md, (TypeDefinitionHandle)baseType),
                _ => null,
            };
            return name == "System.Enum";
        }

        private static bool IsHot(MetadataReader md, MethodDefinition method)
        {
            foreach (CustomAttributeHandle ah in method.GetCustomAttributes())
            {
                CustomAttribute attribute = md.GetCustomAttribute(ah);
                EntityHandle ctorType = attribute.Constructor.Kind switch
                {
                    HandleKind.MethodDefinition => md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
                    HandleKind.MemberReference => md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
                    _ => default,
                };
                string name = ctorType.Kind switch
                {
                    HandleKind.TypeDefinition => MetadataNames.Of(md, (TypeDefinitionHandle)ctorType),
                    HandleKind.TypeReference => MetadataNames.Of(md, (TypeReferenceHandle)ctorType),
                    _ => null,
                };
                if (name == "Phone.Core.HotPathAttribute") return true;
            }
            return false;
        }

        private static Dictionary<ushort, OpCode> BuildOpCodeTable()
        {
            var table = new Dictionary<ushort, OpCode>();
            foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var op = (OpCode)field.GetValue(null);
                table[(ushort)op.Value] = op;
            }
            return table;
        }
    }
}
