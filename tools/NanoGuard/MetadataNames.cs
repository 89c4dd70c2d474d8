// Readable names for metadata handles, for violation messages.
namespace NanoGuard
{
    using System.Reflection.Metadata;

    /// <summary>Formats type and method handles as "Namespace.Type/Nested::Method".</summary>
    internal static class MetadataNames
    {
        public static string Of(MetadataReader reader, TypeDefinitionHandle handle)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            string name = reader.GetString(type.Name);
            TypeDefinitionHandle declaring = type.GetDeclaringType();
            if (!declaring.IsNil) return Of(reader, declaring) + "/" + name;
            string ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public static string Of(MetadataReader reader, TypeReferenceHandle handle)
        {
            TypeReference type = reader.GetTypeReference(handle);
            string name = reader.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
                return Of(reader, (TypeReferenceHandle)type.ResolutionScope) + "/" + name;
            string ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public static string Of(MetadataReader reader, MethodDefinitionHandle handle)
        {
            MethodDefinition method = reader.GetMethodDefinition(handle);
            return Of(reader, method.GetDeclaringType()) + "::" + reader.GetString(method.Name);
        }

        public static string Of(MetadataReader reader, FieldDefinitionHandle handle)
        {
            FieldDefinition field = reader.GetFieldDefinition(handle);
            return Of(reader, field.GetDeclaringType()) + "::" + reader.GetString(field.Name);
        }

        /// <summary>Name of any type handle (definition, reference or specification).</summary>
        public static string OfType(MetadataReader reader, EntityHandle handle, SignatureScanner scanner)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition: return Of(reader, (TypeDefinitionHandle)handle);
                case HandleKind.TypeReference: return Of(reader, (TypeReferenceHandle)handle);
                case HandleKind.TypeSpecification:
                    return reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(scanner, null);
                default: return handle.Kind.ToString();
            }
        }
    }
}
