export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  // Allows to automatically instantiate createClient with right options
  // instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)
  __InternalSupabase: {
    PostgrestVersion: "v12.0.2"
  }
  public: {
    Tables: {
      challenges: {
        Row: {
          budget_max: number | null
          budget_min: number | null
          city_id: string
          contact_email: string | null
          contact_name: string | null
          created_at: string
          currency: string | null
          deadline: string | null
          description: string
          domain: Database["public"]["Enums"]["challenge_domain"]
          expected_outcomes: string | null
          id: string
          kind: Database["public"]["Enums"]["challenge_kind"]
          language: string
          priority_areas: Database["public"]["Enums"]["priority_area"][]
          published_at: string | null
          slug: string
          status: Database["public"]["Enums"]["challenge_status"]
          summary: string
          title: string
          updated_at: string
        }
        Insert: {
          budget_max?: number | null
          budget_min?: number | null
          city_id: string
          contact_email?: string | null
          contact_name?: string | null
          created_at?: string
          currency?: string | null
          deadline?: string | null
          description?: string
          domain: Database["public"]["Enums"]["challenge_domain"]
          expected_outcomes?: string | null
          id?: string
          kind?: Database["public"]["Enums"]["challenge_kind"]
          language?: string
          priority_areas?: Database["public"]["Enums"]["priority_area"][]
          published_at?: string | null
          slug: string
          status?: Database["public"]["Enums"]["challenge_status"]
          summary: string
          title: string
          updated_at?: string
        }
        Update: {
          budget_max?: number | null
          budget_min?: number | null
          city_id?: string
          contact_email?: string | null
          contact_name?: string | null
          created_at?: string
          currency?: string | null
          deadline?: string | null
          description?: string
          domain?: Database["public"]["Enums"]["challenge_domain"]
          expected_outcomes?: string | null
          id?: string
          kind?: Database["public"]["Enums"]["challenge_kind"]
          language?: string
          priority_areas?: Database["public"]["Enums"]["priority_area"][]
          published_at?: string | null
          slug?: string
          status?: Database["public"]["Enums"]["challenge_status"]
          summary?: string
          title?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "challenges_city_id_fkey"
            columns: ["city_id"]
            isOneToOne: false
            referencedRelation: "cities"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "challenges_currency_fkey"
            columns: ["currency"]
            isOneToOne: false
            referencedRelation: "currencies"
            referencedColumns: ["code"]
          },
        ]
      }
      cities: {
        Row: {
          country: string
          created_at: string
          id: string
          name: string
          name_zh: string | null
          organisation_id: string | null
          population: number | null
          profile: string | null
          region: string
          slug: string
          time_zone: string | null
        }
        Insert: {
          country: string
          created_at?: string
          id?: string
          name: string
          name_zh?: string | null
          organisation_id?: string | null
          population?: number | null
          profile?: string | null
          region: string
          slug: string
          time_zone?: string | null
        }
        Update: {
          country?: string
          created_at?: string
          id?: string
          name?: string
          name_zh?: string | null
          organisation_id?: string | null
          population?: number | null
          profile?: string | null
          region?: string
          slug?: string
          time_zone?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "cities_organisation_id_fkey"
            columns: ["organisation_id"]
            isOneToOne: false
            referencedRelation: "organisations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cities_region_fkey"
            columns: ["region"]
            isOneToOne: false
            referencedRelation: "regions"
            referencedColumns: ["slug"]
          },
        ]
      }
      countries: {
        Row: {
          code: string
          name: string
        }
        Insert: {
          code: string
          name: string
        }
        Update: {
          code?: string
          name?: string
        }
        Relationships: []
      }
      currencies: {
        Row: {
          code: string
          minor_units: number
          name: string
        }
        Insert: {
          code: string
          minor_units?: number
          name: string
        }
        Update: {
          code?: string
          minor_units?: number
          name?: string
        }
        Relationships: []
      }
      organisations: {
        Row: {
          country: string
          created_at: string
          domains: Database["public"]["Enums"]["challenge_domain"][]
          id: string
          kind: Database["public"]["Enums"]["org_kind"]
          name: string
          profile: string | null
          slug: string
          updated_at: string
          verified: boolean
          website: string | null
        }
        Insert: {
          country: string
          created_at?: string
          domains?: Database["public"]["Enums"]["challenge_domain"][]
          id?: string
          kind: Database["public"]["Enums"]["org_kind"]
          name: string
          profile?: string | null
          slug: string
          updated_at?: string
          verified?: boolean
          website?: string | null
        }
        Update: {
          country?: string
          created_at?: string
          domains?: Database["public"]["Enums"]["challenge_domain"][]
          id?: string
          kind?: Database["public"]["Enums"]["org_kind"]
          name?: string
          profile?: string | null
          slug?: string
          updated_at?: string
          verified?: boolean
          website?: string | null
        }
        Relationships: []
      }
      profiles: {
        Row: {
          created_at: string
          display_name: string
          id: string
          preferred_language: string
        }
        Insert: {
          created_at?: string
          display_name: string
          id: string
          preferred_language?: string
        }
        Update: {
          created_at?: string
          display_name?: string
          id?: string
          preferred_language?: string
        }
        Relationships: []
      }
      regions: {
        Row: {
          name: string
          slug: string
        }
        Insert: {
          name: string
          slug: string
        }
        Update: {
          name?: string
          slug?: string
        }
        Relationships: []
      }
      search_docs: {
        Row: {
          city_id: string
          city_slug: string
          deadline: string | null
          domain: Database["public"]["Enums"]["challenge_domain"]
          id: string
          kind: Database["public"]["Enums"]["challenge_kind"]
          priority_mask: number
          published_at: string | null
          rank_vector: unknown
          region_slug: string
          row_pad: string
          search_text: string
          search_vector: unknown
          status: Database["public"]["Enums"]["challenge_status"]
        }
        Insert: {
          city_id: string
          city_slug: string
          deadline?: string | null
          domain: Database["public"]["Enums"]["challenge_domain"]
          id: string
          kind: Database["public"]["Enums"]["challenge_kind"]
          priority_mask: number
          published_at?: string | null
          rank_vector: unknown
          region_slug: string
          row_pad?: string
          search_text: string
          search_vector: unknown
          status: Database["public"]["Enums"]["challenge_status"]
        }
        Update: {
          city_id?: string
          city_slug?: string
          deadline?: string | null
          domain?: Database["public"]["Enums"]["challenge_domain"]
          id?: string
          kind?: Database["public"]["Enums"]["challenge_kind"]
          priority_mask?: number
          published_at?: string | null
          rank_vector?: unknown
          region_slug?: string
          row_pad?: string
          search_text?: string
          search_vector?: unknown
          status?: Database["public"]["Enums"]["challenge_status"]
        }
        Relationships: []
      }
      search_facet_counts: {
        Row: {
          city_slug: string
          domain: Database["public"]["Enums"]["challenge_domain"]
          kind: Database["public"]["Enums"]["challenge_kind"]
          n: number
          p: number[]
          region_slug: string
          status: Database["public"]["Enums"]["challenge_status"]
        }
        Insert: {
          city_slug: string
          domain: Database["public"]["Enums"]["challenge_domain"]
          kind: Database["public"]["Enums"]["challenge_kind"]
          n: number
          p: number[]
          region_slug: string
          status: Database["public"]["Enums"]["challenge_status"]
        }
        Update: {
          city_slug?: string
          domain?: Database["public"]["Enums"]["challenge_domain"]
          kind?: Database["public"]["Enums"]["challenge_kind"]
          n?: number
          p?: number[]
          region_slug?: string
          status?: Database["public"]["Enums"]["challenge_status"]
        }
        Relationships: []
      }
      search_lexicon: {
        Row: {
          ndoc: number
          word: string
        }
        Insert: {
          ndoc: number
          word: string
        }
        Update: {
          ndoc?: number
          word?: string
        }
        Relationships: []
      }
      search_outbox: {
        Row: {
          attempts: number
          challenge_id: string
          enqueued_at: string
          id: number
          last_error: string | null
          lease_id: number | null
          locked_until: string | null
          next_attempt_at: string
          op: string
        }
        Insert: {
          attempts?: number
          challenge_id: string
          enqueued_at?: string
          id?: number
          last_error?: string | null
          lease_id?: number | null
          locked_until?: string | null
          next_attempt_at?: string
          op: string
        }
        Update: {
          attempts?: number
          challenge_id?: string
          enqueued_at?: string
          id?: number
          last_error?: string | null
          lease_id?: number | null
          locked_until?: string | null
          next_attempt_at?: string
          op?: string
        }
        Relationships: []
      }
      search_synonyms: {
        Row: {
          group_id: number
          phrase: string | null
          term: string
        }
        Insert: {
          group_id: number
          phrase?: string | null
          term: string
        }
        Update: {
          group_id?: number
          phrase?: string | null
          term?: string
        }
        Relationships: []
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      challenge_status_transition_allowed: {
        Args: {
          from_status: Database["public"]["Enums"]["challenge_status"]
          to_status: Database["public"]["Enums"]["challenge_status"]
        }
        Returns: boolean
      }
      claim_search_outbox: {
        Args: { batch?: number; lease_seconds?: number }
        Returns: {
          attempts: number
          challenge_id: string
          id: number
          op: string
        }[]
      }
      complete_search_outbox: { Args: { ids: number[] }; Returns: number }
      fail_search_outbox: {
        Args: { error: string; id: number }
        Returns: string
      }
      search_challenge_ids: {
        Args: { max_ids?: number; params: Json; upcoming?: boolean }
        Returns: string[]
      }
      search_challenges: { Args: { params: Json }; Returns: Json }
      search_docs_refresh: { Args: { ids: string[] }; Returns: undefined }
      search_enqueue: {
        Args: { ids: string[]; operation: string }
        Returns: undefined
      }
      search_escape_html: { Args: { value: string }; Returns: string }
      search_facet_counts_apply: {
        Args: { ids: string[]; sign: number }
        Returns: undefined
      }
      search_hit: {
        Args: {
          c: Database["public"]["Tables"]["challenges"]["Row"]
          ci: Database["public"]["Tables"]["cities"]["Row"]
          r: Database["public"]["Tables"]["regions"]["Row"]
          rank: number
          snippet: string
        }
        Returns: Json
      }
      search_is_public: {
        Args: { status: Database["public"]["Enums"]["challenge_status"] }
        Returns: boolean
      }
      search_lexicon_apply: {
        Args: { delta_counts: number[]; delta_words: string[] }
        Returns: undefined
      }
      search_normalize: { Args: { value: string }; Returns: string }
      search_priority_mask: {
        Args: { areas: Database["public"]["Enums"]["priority_area"][] }
        Returns: number
      }
      search_tsquery: { Args: { q: string }; Returns: unknown }
      search_words: { Args: { doc: string }; Returns: string[] }
      similar_challenges: {
        Args: { challenge_id: string; max_results?: number }
        Returns: Json
      }
    }
    Enums: {
      challenge_domain:
        "technologies" | "mobility" | "environment" | "utilities"
      challenge_kind: "challenge" | "opportunity"
      challenge_status:
        | "draft"
        | "open"
        | "reviewing"
        | "shortlisted"
        | "awarded"
        | "closed"
        | "withdrawn"
      org_kind: "city" | "vendor" | "hub"
      priority_area:
        | "smart-governance"
        | "green-transition"
        | "infrastructure-renewal"
        | "digital-inclusion"
        | "public-safety"
        | "circular-economy"
        | "climate-resilience"
        | "public-health"
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    keyof DefaultSchema["Tables"] | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    keyof DefaultSchema["Tables"] | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    keyof DefaultSchema["Enums"] | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {
      challenge_domain: [
        "technologies",
        "mobility",
        "environment",
        "utilities",
      ],
      challenge_kind: ["challenge", "opportunity"],
      challenge_status: [
        "draft",
        "open",
        "reviewing",
        "shortlisted",
        "awarded",
        "closed",
        "withdrawn",
      ],
      org_kind: ["city", "vendor", "hub"],
      priority_area: [
        "smart-governance",
        "green-transition",
        "infrastructure-renewal",
        "digital-inclusion",
        "public-safety",
        "circular-economy",
        "climate-resilience",
        "public-health",
      ],
    },
  },
} as const

