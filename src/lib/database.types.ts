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
      audit_log: {
        Row: {
          action: string
          actor: string | null
          after: Json | null
          at: string
          before: Json | null
          id: number
          organisation_id: string | null
          target: string | null
        }
        Insert: {
          action: string
          actor?: string | null
          after?: Json | null
          at?: string
          before?: Json | null
          id?: never
          organisation_id?: string | null
          target?: string | null
        }
        Update: {
          action?: string
          actor?: string | null
          after?: Json | null
          at?: string
          before?: Json | null
          id?: never
          organisation_id?: string | null
          target?: string | null
        }
        Relationships: []
      }
      challenge_criteria: {
        Row: {
          challenge_id: string
          description: string
          id: string
          name: string
          position: number
          weight: number
        }
        Insert: {
          challenge_id: string
          description?: string
          id?: string
          name: string
          position: number
          weight: number
        }
        Update: {
          challenge_id?: string
          description?: string
          id?: string
          name?: string
          position?: number
          weight?: number
        }
        Relationships: [
          {
            foreignKeyName: "challenge_criteria_challenge_id_fkey"
            columns: ["challenge_id"]
            isOneToOne: false
            referencedRelation: "challenges"
            referencedColumns: ["id"]
          },
        ]
      }
      challenge_reviewers: {
        Row: {
          assigned_at: string
          assigned_by: string | null
          challenge_id: string
          user_id: string
        }
        Insert: {
          assigned_at?: string
          assigned_by?: string | null
          challenge_id: string
          user_id: string
        }
        Update: {
          assigned_at?: string
          assigned_by?: string | null
          challenge_id?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "challenge_reviewers_assigned_by_fkey"
            columns: ["assigned_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "challenge_reviewers_challenge_id_fkey"
            columns: ["challenge_id"]
            isOneToOne: false
            referencedRelation: "challenges"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "challenge_reviewers_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      challenge_translations: {
        Row: {
          challenge_id: string
          created_at: string
          description: string
          expected_outcomes: string | null
          language: string
          summary: string
          title: string
          updated_at: string
        }
        Insert: {
          challenge_id: string
          created_at?: string
          description: string
          expected_outcomes?: string | null
          language: string
          summary: string
          title: string
          updated_at?: string
        }
        Update: {
          challenge_id?: string
          created_at?: string
          description?: string
          expected_outcomes?: string | null
          language?: string
          summary?: string
          title?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "challenge_translations_challenge_id_fkey"
            columns: ["challenge_id"]
            isOneToOne: false
            referencedRelation: "challenges"
            referencedColumns: ["id"]
          },
        ]
      }
      challenges: {
        Row: {
          budget_max: number | null
          budget_min: number | null
          city_id: string
          contact_email: string | null
          contact_name: string | null
          created_at: string
          created_by: string | null
          currency: string | null
          deadline: string | null
          description: string
          domain: Database["public"]["Enums"]["challenge_domain"]
          expected_outcomes: string | null
          id: string
          kind: Database["public"]["Enums"]["challenge_kind"]
          language: string
          organisation_id: string
          outcome: Database["public"]["Enums"]["challenge_outcome"] | null
          priority_areas: Database["public"]["Enums"]["priority_area"][]
          published_at: string | null
          slug: string
          status: Database["public"]["Enums"]["challenge_status"]
          summary: string
          title: string
          updated_at: string
          budget_max_usd: number | null
          budget_min_usd: number | null
          budget_usd_as_of: string | null
        }
        Insert: {
          budget_max?: number | null
          budget_min?: number | null
          city_id: string
          contact_email?: string | null
          contact_name?: string | null
          created_at?: string
          created_by?: string | null
          currency?: string | null
          deadline?: string | null
          description?: string
          domain: Database["public"]["Enums"]["challenge_domain"]
          expected_outcomes?: string | null
          id?: string
          kind?: Database["public"]["Enums"]["challenge_kind"]
          language?: string
          organisation_id: string
          outcome?: Database["public"]["Enums"]["challenge_outcome"] | null
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
          created_by?: string | null
          currency?: string | null
          deadline?: string | null
          description?: string
          domain?: Database["public"]["Enums"]["challenge_domain"]
          expected_outcomes?: string | null
          id?: string
          kind?: Database["public"]["Enums"]["challenge_kind"]
          language?: string
          organisation_id?: string
          outcome?: Database["public"]["Enums"]["challenge_outcome"] | null
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
            foreignKeyName: "challenges_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "challenges_currency_fkey"
            columns: ["currency"]
            isOneToOne: false
            referencedRelation: "currencies"
            referencedColumns: ["code"]
          },
          {
            foreignKeyName: "challenges_organisation_id_fkey"
            columns: ["organisation_id"]
            isOneToOne: false
            referencedRelation: "organisations"
            referencedColumns: ["id"]
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
          profile_language: string
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
          profile_language?: string
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
          profile_language?: string
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
      city_translations: {
        Row: {
          city_id: string
          created_at: string
          language: string
          profile: string
          updated_at: string
        }
        Insert: {
          city_id: string
          created_at?: string
          language: string
          profile: string
          updated_at?: string
        }
        Update: {
          city_id?: string
          created_at?: string
          language?: string
          profile?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "city_translations_city_id_fkey"
            columns: ["city_id"]
            isOneToOne: false
            referencedRelation: "cities"
            referencedColumns: ["id"]
          },
        ]
      }
      conflict_declarations: {
        Row: {
          conflicted: boolean
          declared_at: string
          proposal_id: string
          reviewer_id: string
          statement: string | null
        }
        Insert: {
          conflicted: boolean
          declared_at?: string
          proposal_id: string
          reviewer_id: string
          statement?: string | null
        }
        Update: {
          conflicted?: boolean
          declared_at?: string
          proposal_id?: string
          reviewer_id?: string
          statement?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "conflict_declarations_proposal_id_fkey"
            columns: ["proposal_id"]
            isOneToOne: false
            referencedRelation: "proposals"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "conflict_declarations_reviewer_id_fkey"
            columns: ["reviewer_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
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
      currency_rates: {
        Row: {
          as_of: string
          currency: string
          note: string | null
          usd_per_unit: number
        }
        Insert: {
          as_of: string
          currency: string
          note?: string | null
          usd_per_unit: number
        }
        Update: {
          as_of?: string
          currency?: string
          note?: string | null
          usd_per_unit?: number
        }
        Relationships: [
          {
            foreignKeyName: "currency_rates_currency_fkey"
            columns: ["currency"]
            isOneToOne: true
            referencedRelation: "currencies"
            referencedColumns: ["code"]
          },
        ]
      }
      follows: {
        Row: {
          challenge_id: string
          created_at: string
          user_id: string
        }
        Insert: {
          challenge_id: string
          created_at?: string
          user_id: string
        }
        Update: {
          challenge_id?: string
          created_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "follows_challenge_id_fkey"
            columns: ["challenge_id"]
            isOneToOne: false
            referencedRelation: "challenges"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "follows_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      invitations: {
        Row: {
          accepted_at: string | null
          accepted_by: string | null
          created_at: string
          email: string
          expires_at: string
          id: string
          invited_by: string | null
          organisation_id: string
          revoked_at: string | null
          role: Database["public"]["Enums"]["org_role"]
          token_hash: string
        }
        Insert: {
          accepted_at?: string | null
          accepted_by?: string | null
          created_at?: string
          email: string
          expires_at?: string
          id?: string
          invited_by?: string | null
          organisation_id: string
          revoked_at?: string | null
          role?: Database["public"]["Enums"]["org_role"]
          token_hash: string
        }
        Update: {
          accepted_at?: string | null
          accepted_by?: string | null
          created_at?: string
          email?: string
          expires_at?: string
          id?: string
          invited_by?: string | null
          organisation_id?: string
          revoked_at?: string | null
          role?: Database["public"]["Enums"]["org_role"]
          token_hash?: string
        }
        Relationships: [
          {
            foreignKeyName: "invitations_accepted_by_fkey"
            columns: ["accepted_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "invitations_invited_by_fkey"
            columns: ["invited_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "invitations_organisation_id_fkey"
            columns: ["organisation_id"]
            isOneToOne: false
            referencedRelation: "organisations"
            referencedColumns: ["id"]
          },
        ]
      }
      join_requests: {
        Row: {
          created_at: string
          decided_at: string | null
          decided_by: string | null
          decision: string | null
          id: string
          message: string | null
          organisation_id: string
          user_id: string
        }
        Insert: {
          created_at?: string
          decided_at?: string | null
          decided_by?: string | null
          decision?: string | null
          id?: string
          message?: string | null
          organisation_id: string
          user_id: string
        }
        Update: {
          created_at?: string
          decided_at?: string | null
          decided_by?: string | null
          decision?: string | null
          id?: string
          message?: string | null
          organisation_id?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "join_requests_decided_by_fkey"
            columns: ["decided_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "join_requests_organisation_id_fkey"
            columns: ["organisation_id"]
            isOneToOne: false
            referencedRelation: "organisations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "join_requests_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      joint_challenge_cities: {
        Row: {
          joint_challenge_id: string
          organisation_id: string
          source_challenge_id: string
        }
        Insert: {
          joint_challenge_id: string
          organisation_id: string
          source_challenge_id: string
        }
        Update: {
          joint_challenge_id?: string
          organisation_id?: string
          source_challenge_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "joint_challenge_cities_joint_challenge_id_fkey"
            columns: ["joint_challenge_id"]
            isOneToOne: false
            referencedRelation: "joint_challenges"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "joint_challenge_cities_organisation_id_fkey"
            columns: ["organisation_id"]
            isOneToOne: false
            referencedRelation: "organisations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "joint_challenge_cities_source_challenge_id_fkey"
            columns: ["source_challenge_id"]
            isOneToOne: false
            referencedRelation: "challenges"
            referencedColumns: ["id"]
          },
        ]
      }
      joint_challenges: {
        Row: {
          created_at: string
          created_by: string | null
          domain: Database["public"]["Enums"]["challenge_domain"]
          id: string
          summary: string
          title: string
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          domain: Database["public"]["Enums"]["challenge_domain"]
          id?: string
          summary?: string
          title: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          domain?: Database["public"]["Enums"]["challenge_domain"]
          id?: string
          summary?: string
          title?: string
        }
        Relationships: [
          {
            foreignKeyName: "joint_challenges_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      memberships: {
        Row: {
          created_at: string
          organisation_id: string
          role: Database["public"]["Enums"]["org_role"]
          user_id: string
        }
        Insert: {
          created_at?: string
          organisation_id: string
          role?: Database["public"]["Enums"]["org_role"]
          user_id: string
        }
        Update: {
          created_at?: string
          organisation_id?: string
          role?: Database["public"]["Enums"]["org_role"]
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "memberships_organisation_id_fkey"
            columns: ["organisation_id"]
            isOneToOne: false
            referencedRelation: "organisations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "memberships_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      notification_settings: {
        Row: {
          delivery: string
          updated_at: string
          user_id: string
        }
        Insert: {
          delivery?: string
          updated_at?: string
          user_id: string
        }
        Update: {
          delivery?: string
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "notification_settings_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: true
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      notifications: {
        Row: {
          challenge_id: string | null
          claimed_until: string | null
          created_at: string
          id: string
          kind: string
          link: string
          mailed_at: string | null
          params: Json
          read_at: string | null
          user_id: string
        }
        Insert: {
          challenge_id?: string | null
          claimed_until?: string | null
          created_at?: string
          id?: string
          kind: string
          link: string
          mailed_at?: string | null
          params?: Json
          read_at?: string | null
          user_id: string
        }
        Update: {
          challenge_id?: string | null
          claimed_until?: string | null
          created_at?: string
          id?: string
          kind?: string
          link?: string
          mailed_at?: string | null
          params?: Json
          read_at?: string | null
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "notifications_challenge_id_fkey"
            columns: ["challenge_id"]
            isOneToOne: false
            referencedRelation: "challenges"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "notifications_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      organisation_translations: {
        Row: {
          created_at: string
          language: string
          organisation_id: string
          profile: string
          updated_at: string
        }
        Insert: {
          created_at?: string
          language: string
          organisation_id: string
          profile: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          language?: string
          organisation_id?: string
          profile?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "organisation_translations_organisation_id_fkey"
            columns: ["organisation_id"]
            isOneToOne: false
            referencedRelation: "organisations"
            referencedColumns: ["id"]
          },
        ]
      }
      organisations: {
        Row: {
          contact_email: string | null
          country: string
          created_at: string
          created_by: string | null
          domains: Database["public"]["Enums"]["challenge_domain"][]
          id: string
          kind: Database["public"]["Enums"]["org_kind"]
          name: string
          profile: string | null
          profile_language: string
          slug: string
          updated_at: string
          verified: boolean
          website: string | null
        }
        Insert: {
          contact_email?: string | null
          country: string
          created_at?: string
          created_by?: string | null
          domains?: Database["public"]["Enums"]["challenge_domain"][]
          id?: string
          kind: Database["public"]["Enums"]["org_kind"]
          name: string
          profile?: string | null
          profile_language?: string
          slug: string
          updated_at?: string
          verified?: boolean
          website?: string | null
        }
        Update: {
          contact_email?: string | null
          country?: string
          created_at?: string
          created_by?: string | null
          domains?: Database["public"]["Enums"]["challenge_domain"][]
          id?: string
          kind?: Database["public"]["Enums"]["org_kind"]
          name?: string
          profile?: string | null
          profile_language?: string
          slug?: string
          updated_at?: string
          verified?: boolean
          website?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "organisations_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      partnership_events: {
        Row: {
          actor: string | null
          at: string
          due: string | null
          from_stage: Database["public"]["Enums"]["partnership_stage"] | null
          id: number
          kind: string
          note: string | null
          partnership_id: string
          to_stage: Database["public"]["Enums"]["partnership_stage"] | null
        }
        Insert: {
          actor?: string | null
          at?: string
          due?: string | null
          from_stage?: Database["public"]["Enums"]["partnership_stage"] | null
          id?: never
          kind: string
          note?: string | null
          partnership_id: string
          to_stage?: Database["public"]["Enums"]["partnership_stage"] | null
        }
        Update: {
          actor?: string | null
          at?: string
          due?: string | null
          from_stage?: Database["public"]["Enums"]["partnership_stage"] | null
          id?: never
          kind?: string
          note?: string | null
          partnership_id?: string
          to_stage?: Database["public"]["Enums"]["partnership_stage"] | null
        }
        Relationships: [
          {
            foreignKeyName: "partnership_events_actor_fkey"
            columns: ["actor"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "partnership_events_partnership_id_fkey"
            columns: ["partnership_id"]
            isOneToOne: false
            referencedRelation: "partnerships"
            referencedColumns: ["id"]
          },
        ]
      }
      partnerships: {
        Row: {
          challenge_id: string
          city_organisation_id: string
          closed_reason: string | null
          created_at: string
          id: string
          last_activity_at: string
          next_step: string | null
          next_step_due: string | null
          owner_id: string | null
          proposal_id: string
          stage: Database["public"]["Enums"]["partnership_stage"]
          updated_at: string
          vendor_organisation_id: string
        }
        Insert: {
          challenge_id: string
          city_organisation_id: string
          closed_reason?: string | null
          created_at?: string
          id?: string
          last_activity_at?: string
          next_step?: string | null
          next_step_due?: string | null
          owner_id?: string | null
          proposal_id: string
          stage?: Database["public"]["Enums"]["partnership_stage"]
          updated_at?: string
          vendor_organisation_id: string
        }
        Update: {
          challenge_id?: string
          city_organisation_id?: string
          closed_reason?: string | null
          created_at?: string
          id?: string
          last_activity_at?: string
          next_step?: string | null
          next_step_due?: string | null
          owner_id?: string | null
          proposal_id?: string
          stage?: Database["public"]["Enums"]["partnership_stage"]
          updated_at?: string
          vendor_organisation_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "partnerships_challenge_id_fkey"
            columns: ["challenge_id"]
            isOneToOne: false
            referencedRelation: "challenges"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "partnerships_city_organisation_id_fkey"
            columns: ["city_organisation_id"]
            isOneToOne: false
            referencedRelation: "organisations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "partnerships_owner_id_fkey"
            columns: ["owner_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "partnerships_proposal_id_fkey"
            columns: ["proposal_id"]
            isOneToOne: true
            referencedRelation: "proposals"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "partnerships_vendor_organisation_id_fkey"
            columns: ["vendor_organisation_id"]
            isOneToOne: false
            referencedRelation: "organisations"
            referencedColumns: ["id"]
          },
        ]
      }
      profiles: {
        Row: {
          active_organisation_id: string | null
          created_at: string
          display_name: string
          id: string
          preferred_language: string
        }
        Insert: {
          active_organisation_id?: string | null
          created_at?: string
          display_name: string
          id: string
          preferred_language?: string
        }
        Update: {
          active_organisation_id?: string | null
          created_at?: string
          display_name?: string
          id?: string
          preferred_language?: string
        }
        Relationships: [
          {
            foreignKeyName: "profiles_active_organisation_id_fkey"
            columns: ["active_organisation_id"]
            isOneToOne: false
            referencedRelation: "organisations"
            referencedColumns: ["id"]
          },
        ]
      }
      proposal_versions: {
        Row: {
          content: Json
          proposal_id: string
          submitted_at: string
          submitted_by: string | null
          version: number
        }
        Insert: {
          content: Json
          proposal_id: string
          submitted_at?: string
          submitted_by?: string | null
          version: number
        }
        Update: {
          content?: Json
          proposal_id?: string
          submitted_at?: string
          submitted_by?: string | null
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "proposal_versions_proposal_id_fkey"
            columns: ["proposal_id"]
            isOneToOne: false
            referencedRelation: "proposals"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "proposal_versions_submitted_by_fkey"
            columns: ["submitted_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      proposals: {
        Row: {
          approach: string
          challenge_id: string
          client_references: string
          cost_estimate: number | null
          created_at: string
          created_by: string | null
          currency: string | null
          decided_at: string | null
          decided_by: string | null
          feedback: string | null
          id: string
          links: string[]
          organisation_id: string
          pilot_plan: string
          status: Database["public"]["Enums"]["proposal_status"]
          submitted_at: string | null
          summary: string
          timeline: string
          title: string
          updated_at: string
          version: number
          withdrawn_at: string | null
        }
        Insert: {
          approach?: string
          challenge_id: string
          client_references?: string
          cost_estimate?: number | null
          created_at?: string
          created_by?: string | null
          currency?: string | null
          decided_at?: string | null
          decided_by?: string | null
          feedback?: string | null
          id?: string
          links?: string[]
          organisation_id: string
          pilot_plan?: string
          status?: Database["public"]["Enums"]["proposal_status"]
          submitted_at?: string | null
          summary?: string
          timeline?: string
          title?: string
          updated_at?: string
          version?: number
          withdrawn_at?: string | null
        }
        Update: {
          approach?: string
          challenge_id?: string
          client_references?: string
          cost_estimate?: number | null
          created_at?: string
          created_by?: string | null
          currency?: string | null
          decided_at?: string | null
          decided_by?: string | null
          feedback?: string | null
          id?: string
          links?: string[]
          organisation_id?: string
          pilot_plan?: string
          status?: Database["public"]["Enums"]["proposal_status"]
          submitted_at?: string | null
          summary?: string
          timeline?: string
          title?: string
          updated_at?: string
          version?: number
          withdrawn_at?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "proposals_challenge_id_fkey"
            columns: ["challenge_id"]
            isOneToOne: false
            referencedRelation: "challenges"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "proposals_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "proposals_currency_fkey"
            columns: ["currency"]
            isOneToOne: false
            referencedRelation: "currencies"
            referencedColumns: ["code"]
          },
          {
            foreignKeyName: "proposals_decided_by_fkey"
            columns: ["decided_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "proposals_organisation_id_fkey"
            columns: ["organisation_id"]
            isOneToOne: false
            referencedRelation: "organisations"
            referencedColumns: ["id"]
          },
        ]
      }
      questions: {
        Row: {
          answer: string | null
          answered_at: string | null
          answered_by: string | null
          asked_by: string | null
          body: string
          challenge_id: string
          created_at: string
          id: string
          organisation_id: string
        }
        Insert: {
          answer?: string | null
          answered_at?: string | null
          answered_by?: string | null
          asked_by?: string | null
          body: string
          challenge_id: string
          created_at?: string
          id?: string
          organisation_id: string
        }
        Update: {
          answer?: string | null
          answered_at?: string | null
          answered_by?: string | null
          asked_by?: string | null
          body?: string
          challenge_id?: string
          created_at?: string
          id?: string
          organisation_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "questions_answered_by_fkey"
            columns: ["answered_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "questions_asked_by_fkey"
            columns: ["asked_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "questions_challenge_id_fkey"
            columns: ["challenge_id"]
            isOneToOne: false
            referencedRelation: "challenges"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "questions_organisation_id_fkey"
            columns: ["organisation_id"]
            isOneToOne: false
            referencedRelation: "organisations"
            referencedColumns: ["id"]
          },
        ]
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
      saved_searches: {
        Row: {
          created_at: string
          id: string
          last_checked: string | null
          name: string
          params: Json
          query: string
          user_id: string
        }
        Insert: {
          created_at?: string
          id?: string
          last_checked?: string | null
          name: string
          params?: Json
          query?: string
          user_id: string
        }
        Update: {
          created_at?: string
          id?: string
          last_checked?: string | null
          name?: string
          params?: Json
          query?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "saved_searches_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      scores: {
        Row: {
          comment: string
          criterion_id: string
          proposal_id: string
          reviewer_id: string
          score: number
          updated_at: string
        }
        Insert: {
          comment?: string
          criterion_id: string
          proposal_id: string
          reviewer_id: string
          score: number
          updated_at?: string
        }
        Update: {
          comment?: string
          criterion_id?: string
          proposal_id?: string
          reviewer_id?: string
          score?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "scores_criterion_id_fkey"
            columns: ["criterion_id"]
            isOneToOne: false
            referencedRelation: "challenge_criteria"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "scores_proposal_id_fkey"
            columns: ["proposal_id"]
            isOneToOne: false
            referencedRelation: "proposals"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "scores_reviewer_id_fkey"
            columns: ["reviewer_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      accept_invitation: {
        Args: { token: string }
        Returns: {
          contact_email: string | null
          country: string
          created_at: string
          created_by: string | null
          domains: Database["public"]["Enums"]["challenge_domain"][]
          id: string
          kind: Database["public"]["Enums"]["org_kind"]
          name: string
          profile: string | null
          profile_language: string
          slug: string
          updated_at: string
          verified: boolean
          website: string | null
        }
        SetofOptions: {
          from: "*"
          to: "organisations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      add_partnership_note: {
        Args: { note: string; partnership: string }
        Returns: {
          actor: string | null
          at: string
          due: string | null
          from_stage: Database["public"]["Enums"]["partnership_stage"] | null
          id: number
          kind: string
          note: string | null
          partnership_id: string
          to_stage: Database["public"]["Enums"]["partnership_stage"] | null
        }
        SetofOptions: {
          from: "*"
          to: "partnership_events"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      answer_question: {
        Args: { answer: string; id: string }
        Returns: {
          answer: string | null
          answered_at: string | null
          answered_by: string | null
          asked_by: string | null
          body: string
          challenge_id: string
          created_at: string
          id: string
          organisation_id: string
        }
        SetofOptions: {
          from: "*"
          to: "questions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      ask_question: {
        Args: { body: string; challenge: string; organisation?: string }
        Returns: {
          answer: string | null
          answered_at: string | null
          answered_by: string | null
          asked_by: string | null
          body: string
          challenge_id: string
          created_at: string
          id: string
          organisation_id: string
        }
        SetofOptions: {
          from: "*"
          to: "questions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      assign_reviewer: {
        Args: { challenge: string; reviewer: string }
        Returns: {
          assigned_at: string
          assigned_by: string | null
          challenge_id: string
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "challenge_reviewers"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      budget_max_usd: {
        Args: { "": Database["public"]["Tables"]["challenges"]["Row"] }
        Returns: {
          error: true
        } & "the function public.budget_max_usd with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      budget_min_usd: {
        Args: { "": Database["public"]["Tables"]["challenges"]["Row"] }
        Returns: {
          error: true
        } & "the function public.budget_min_usd with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      budget_usd_as_of: {
        Args: { "": Database["public"]["Tables"]["challenges"]["Row"] }
        Returns: {
          error: true
        } & "the function public.budget_usd_as_of with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      challenge_clusters: { Args: never; Returns: Json }
      challenge_questions: {
        Args: { challenge: string }
        Returns: {
          answer: string
          answered_at: string
          body: string
          created_at: string
          id: string
          organisation_name: string
          organisation_slug: string
        }[]
      }
      claim_hub_weekly_digests: {
        Args: { lease_seconds?: number; only_users?: string[] }
        Returns: {
          display_name: string
          email: string
          locale: string
          user_id: string
          week: string
        }[]
      }
      claim_notifications: {
        Args: {
          delivery: string
          lease_seconds?: number
          max_rows?: number
          only_users?: string[]
        }
        Returns: {
          challenge_id: string
          created_at: string
          display_name: string
          email: string
          id: string
          kind: string
          link: string
          locale: string
          params: Json
          user_id: string
        }[]
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
      complete_hub_weekly_digest: {
        Args: { user_id: string; week: string }
        Returns: boolean
      }
      complete_notifications: { Args: { ids: string[] }; Returns: number }
      complete_search_outbox: { Args: { ids: number[] }; Returns: number }
      create_challenge: {
        Args: {
          budget_max?: number
          budget_min?: number
          city: string
          contact_email?: string
          contact_name?: string
          criteria?: Json
          currency?: string
          deadline?: string
          description?: string
          domain: Database["public"]["Enums"]["challenge_domain"]
          expected_outcomes?: string
          kind?: Database["public"]["Enums"]["challenge_kind"]
          language?: string
          organisation: string
          priority_areas?: Database["public"]["Enums"]["priority_area"][]
          summary: string
          title: string
        }
        Returns: {
          budget_max: number | null
          budget_min: number | null
          city_id: string
          contact_email: string | null
          contact_name: string | null
          created_at: string
          created_by: string | null
          currency: string | null
          deadline: string | null
          description: string
          domain: Database["public"]["Enums"]["challenge_domain"]
          expected_outcomes: string | null
          id: string
          kind: Database["public"]["Enums"]["challenge_kind"]
          language: string
          organisation_id: string
          outcome: Database["public"]["Enums"]["challenge_outcome"] | null
          priority_areas: Database["public"]["Enums"]["priority_area"][]
          published_at: string | null
          slug: string
          status: Database["public"]["Enums"]["challenge_status"]
          summary: string
          title: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "challenges"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      create_organisation: {
        Args: {
          contact_email?: string
          country: string
          domains?: Database["public"]["Enums"]["challenge_domain"][]
          kind: Database["public"]["Enums"]["org_kind"]
          name: string
          profile?: string
          website?: string
        }
        Returns: {
          contact_email: string | null
          country: string
          created_at: string
          created_by: string | null
          domains: Database["public"]["Enums"]["challenge_domain"][]
          id: string
          kind: Database["public"]["Enums"]["org_kind"]
          name: string
          profile: string | null
          profile_language: string
          slug: string
          updated_at: string
          verified: boolean
          website: string | null
        }
        SetofOptions: {
          from: "*"
          to: "organisations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      decide_join_request: {
        Args: { accept: boolean; id: string }
        Returns: {
          created_at: string
          decided_at: string | null
          decided_by: string | null
          decision: string | null
          id: string
          message: string | null
          organisation_id: string
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "join_requests"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      decide_proposal: {
        Args: {
          decision: Database["public"]["Enums"]["proposal_status"]
          feedback: string
          proposal: string
        }
        Returns: {
          approach: string
          challenge_id: string
          client_references: string
          cost_estimate: number | null
          created_at: string
          created_by: string | null
          currency: string | null
          decided_at: string | null
          decided_by: string | null
          feedback: string | null
          id: string
          links: string[]
          organisation_id: string
          pilot_plan: string
          status: Database["public"]["Enums"]["proposal_status"]
          submitted_at: string | null
          summary: string
          timeline: string
          title: string
          updated_at: string
          version: number
          withdrawn_at: string | null
        }
        SetofOptions: {
          from: "*"
          to: "proposals"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      declare_conflicts: {
        Args: { challenge: string; declarations: Json }
        Returns: {
          conflicted: boolean
          declared_at: string
          proposal_id: string
          reviewer_id: string
          statement: string | null
        }[]
        SetofOptions: {
          from: "*"
          to: "conflict_declarations"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      delete_saved_search: { Args: { id: string }; Returns: undefined }
      extend_challenge_deadline: {
        Args: { challenge: string; deadline: string }
        Returns: {
          budget_max: number | null
          budget_min: number | null
          city_id: string
          contact_email: string | null
          contact_name: string | null
          created_at: string
          created_by: string | null
          currency: string | null
          deadline: string | null
          description: string
          domain: Database["public"]["Enums"]["challenge_domain"]
          expected_outcomes: string | null
          id: string
          kind: Database["public"]["Enums"]["challenge_kind"]
          language: string
          organisation_id: string
          outcome: Database["public"]["Enums"]["challenge_outcome"] | null
          priority_areas: Database["public"]["Enums"]["priority_area"][]
          published_at: string | null
          slug: string
          status: Database["public"]["Enums"]["challenge_status"]
          summary: string
          title: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "challenges"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      fail_search_outbox: {
        Args: { error: string; id: number }
        Returns: string
      }
      follow_challenge: { Args: { challenge: string }; Returns: undefined }
      hub_export_challenges: {
        Args: { after?: string; page_size?: number }
        Returns: {
          city: string
          country: string
          deadline: string
          domain: Database["public"]["Enums"]["challenge_domain"]
          id: string
          kind: Database["public"]["Enums"]["challenge_kind"]
          organisation: string
          outcome: Database["public"]["Enums"]["challenge_outcome"]
          proposals: number
          published_at: string
          region: string
          slug: string
          status: Database["public"]["Enums"]["challenge_status"]
          title: string
        }[]
      }
      hub_export_pipeline: {
        Args: { after?: string; page_size?: number }
        Returns: {
          challenge_slug: string
          challenge_title: string
          city: string
          closed_reason: string
          country: string
          created_at: string
          id: string
          last_activity_at: string
          next_step: string
          next_step_due: string
          overdue: boolean
          owner: string
          stage: Database["public"]["Enums"]["partnership_stage"]
          stalled: boolean
          vendor: string
        }[]
      }
      hub_export_proposals: {
        Args: { after?: string; page_size?: number }
        Returns: {
          challenge_slug: string
          challenge_title: string
          city: string
          decided_at: string
          id: string
          status: Database["public"]["Enums"]["proposal_status"]
          submitted_at: string
          vendor: string
          versions: number
          withdrawn_at: string
        }[]
      }
      hub_insights: { Args: never; Returns: Json }
      hub_weekly_digest_items: {
        Args: never
        Returns: {
          challenge_slug: string
          challenge_title: string
          city: string
          deadline: string
          id: string
          last_activity_at: string
          next_step: string
          next_step_due: string
          section: string
          stage: Database["public"]["Enums"]["partnership_stage"]
          vendor: string
        }[]
      }
      invitation_preview: {
        Args: { token: string }
        Returns: {
          expires_at: string
          kind: Database["public"]["Enums"]["org_kind"]
          name: string
          organisation_id: string
          role: Database["public"]["Enums"]["org_role"]
          slug: string
          status: string
          verified: boolean
        }[]
      }
      invite_member: {
        Args: {
          email: string
          org: string
          role?: Database["public"]["Enums"]["org_role"]
        }
        Returns: {
          invitation_id: string
          token: string
        }[]
      }
      leave_organisation: { Args: { org: string }; Returns: undefined }
      mark_notifications_read: { Args: { ids?: string[] }; Returns: number }
      matching_challenges: {
        Args: { max_results?: number; org: string }
        Returns: {
          city_country: string
          city_name: string
          city_slug: string
          country_match: boolean
          deadline: string
          domain: Database["public"]["Enums"]["challenge_domain"]
          domain_match: boolean
          id: string
          language: string
          mentions: string[]
          score: number
          slug: string
          summary: string
          title: string
        }[]
      }
      move_partnership: {
        Args: {
          expected?: Database["public"]["Enums"]["partnership_stage"]
          note?: string
          partnership: string
          stage: Database["public"]["Enums"]["partnership_stage"]
        }
        Returns: {
          challenge_id: string
          city_organisation_id: string
          closed_reason: string | null
          created_at: string
          id: string
          last_activity_at: string
          next_step: string | null
          next_step_due: string | null
          owner_id: string | null
          proposal_id: string
          stage: Database["public"]["Enums"]["partnership_stage"]
          updated_at: string
          vendor_organisation_id: string
        }
        SetofOptions: {
          from: "*"
          to: "partnerships"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      my_memberships: {
        Args: never
        Returns: {
          active: boolean
          joined_at: string
          kind: Database["public"]["Enums"]["org_kind"]
          name: string
          organisation_id: string
          role: Database["public"]["Enums"]["org_role"]
          slug: string
          verified: boolean
        }[]
      }
      my_questions: {
        Args: { challenge: string }
        Returns: {
          answer: string
          answered_at: string
          asked_by_me: boolean
          body: string
          created_at: string
          id: string
          organisation_id: string
        }[]
      }
      overdue: {
        Args: { p: Database["public"]["Tables"]["partnerships"]["Row"] }
        Returns: boolean
      }
      publish_challenge: {
        Args: { challenge: string }
        Returns: {
          budget_max: number | null
          budget_min: number | null
          city_id: string
          contact_email: string | null
          contact_name: string | null
          created_at: string
          created_by: string | null
          currency: string | null
          deadline: string | null
          description: string
          domain: Database["public"]["Enums"]["challenge_domain"]
          expected_outcomes: string | null
          id: string
          kind: Database["public"]["Enums"]["challenge_kind"]
          language: string
          organisation_id: string
          outcome: Database["public"]["Enums"]["challenge_outcome"] | null
          priority_areas: Database["public"]["Enums"]["priority_area"][]
          published_at: string | null
          slug: string
          status: Database["public"]["Enums"]["challenge_status"]
          summary: string
          title: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "challenges"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      release_hub_weekly_digest: {
        Args: { user_id: string; week: string }
        Returns: undefined
      }
      release_notifications: { Args: { ids: string[] }; Returns: undefined }
      remove_challenge_translation: {
        Args: { challenge: string; language: string }
        Returns: undefined
      }
      remove_city_profile_translation: {
        Args: { city: string; language: string }
        Returns: undefined
      }
      remove_member: {
        Args: { org: string; user_id: string }
        Returns: undefined
      }
      remove_organisation_profile_translation: {
        Args: { language: string; org: string }
        Returns: undefined
      }
      request_to_join: {
        Args: { message?: string; org: string }
        Returns: {
          created_at: string
          decided_at: string | null
          decided_by: string | null
          decision: string | null
          id: string
          message: string | null
          organisation_id: string
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "join_requests"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      review_board: { Args: { challenge: string }; Returns: Json }
      review_proposal: { Args: { proposal: string }; Returns: Json }
      revoke_invitation: { Args: { id: string }; Returns: undefined }
      save_proposal_draft: {
        Args: {
          approach?: string
          challenge: string
          client_references?: string
          cost_estimate?: number
          currency?: string
          links?: string[]
          organisation?: string
          pilot_plan?: string
          summary?: string
          timeline?: string
          title?: string
        }
        Returns: {
          approach: string
          challenge_id: string
          client_references: string
          cost_estimate: number | null
          created_at: string
          created_by: string | null
          currency: string | null
          decided_at: string | null
          decided_by: string | null
          feedback: string | null
          id: string
          links: string[]
          organisation_id: string
          pilot_plan: string
          status: Database["public"]["Enums"]["proposal_status"]
          submitted_at: string | null
          summary: string
          timeline: string
          title: string
          updated_at: string
          version: number
          withdrawn_at: string | null
        }
        SetofOptions: {
          from: "*"
          to: "proposals"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      save_scores: {
        Args: { proposal: string; scores: Json }
        Returns: {
          comment: string
          criterion_id: string
          proposal_id: string
          reviewer_id: string
          score: number
          updated_at: string
        }[]
        SetofOptions: {
          from: "*"
          to: "scores"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      save_search: {
        Args: { name: string; params: Json; query: string }
        Returns: {
          created_at: string
          id: string
          last_checked: string | null
          name: string
          params: Json
          query: string
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "saved_searches"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      search_challenge_ids: {
        Args: { max_ids?: number; params: Json; upcoming?: boolean }
        Returns: string[]
      }
      search_challenges: {
        Args: { params: Json }
        Returns: Database["public"]["CompositeTypes"]["search_result"]
        SetofOptions: {
          from: "*"
          to: "search_result"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      search_interpretation: { Args: { q: string }; Returns: Json }
      set_challenge_criteria: {
        Args: { challenge: string; criteria: Json }
        Returns: {
          challenge_id: string
          description: string
          id: string
          name: string
          position: number
          weight: number
        }[]
        SetofOptions: {
          from: "*"
          to: "challenge_criteria"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      set_challenge_status: {
        Args: {
          challenge: string
          outcome?: Database["public"]["Enums"]["challenge_outcome"]
          status: Database["public"]["Enums"]["challenge_status"]
        }
        Returns: {
          budget_max: number | null
          budget_min: number | null
          city_id: string
          contact_email: string | null
          contact_name: string | null
          created_at: string
          created_by: string | null
          currency: string | null
          deadline: string | null
          description: string
          domain: Database["public"]["Enums"]["challenge_domain"]
          expected_outcomes: string | null
          id: string
          kind: Database["public"]["Enums"]["challenge_kind"]
          language: string
          organisation_id: string
          outcome: Database["public"]["Enums"]["challenge_outcome"] | null
          priority_areas: Database["public"]["Enums"]["priority_area"][]
          published_at: string | null
          slug: string
          status: Database["public"]["Enums"]["challenge_status"]
          summary: string
          title: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "challenges"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      set_challenge_translation: {
        Args: {
          challenge: string
          description: string
          expected_outcomes?: string
          language: string
          summary: string
          title: string
        }
        Returns: {
          challenge_id: string
          created_at: string
          description: string
          expected_outcomes: string | null
          language: string
          summary: string
          title: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "challenge_translations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      set_city_profile_translation: {
        Args: { city: string; language: string; profile: string }
        Returns: {
          city_id: string
          created_at: string
          language: string
          profile: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "city_translations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      set_member_role: {
        Args: {
          org: string
          role: Database["public"]["Enums"]["org_role"]
          user_id: string
        }
        Returns: {
          created_at: string
          organisation_id: string
          role: Database["public"]["Enums"]["org_role"]
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "memberships"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      set_notification_delivery: {
        Args: { delivery: string }
        Returns: {
          delivery: string
          updated_at: string
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "notification_settings"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      set_organisation_profile_translation: {
        Args: { language: string; org: string; profile: string }
        Returns: {
          created_at: string
          language: string
          organisation_id: string
          profile: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "organisation_translations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      set_organisation_verified: {
        Args: { org: string; verified: boolean }
        Returns: {
          contact_email: string | null
          country: string
          created_at: string
          created_by: string | null
          domains: Database["public"]["Enums"]["challenge_domain"][]
          id: string
          kind: Database["public"]["Enums"]["org_kind"]
          name: string
          profile: string | null
          profile_language: string
          slug: string
          updated_at: string
          verified: boolean
          website: string | null
        }
        SetofOptions: {
          from: "*"
          to: "organisations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      set_partnership_next_step: {
        Args: { due?: string; next_step: string; partnership: string }
        Returns: {
          challenge_id: string
          city_organisation_id: string
          closed_reason: string | null
          created_at: string
          id: string
          last_activity_at: string
          next_step: string | null
          next_step_due: string | null
          owner_id: string | null
          proposal_id: string
          stage: Database["public"]["Enums"]["partnership_stage"]
          updated_at: string
          vendor_organisation_id: string
        }
        SetofOptions: {
          from: "*"
          to: "partnerships"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      set_partnership_owner: {
        Args: { owner: string; partnership: string }
        Returns: {
          challenge_id: string
          city_organisation_id: string
          closed_reason: string | null
          created_at: string
          id: string
          last_activity_at: string
          next_step: string | null
          next_step_due: string | null
          owner_id: string | null
          proposal_id: string
          stage: Database["public"]["Enums"]["partnership_stage"]
          updated_at: string
          vendor_organisation_id: string
        }
        SetofOptions: {
          from: "*"
          to: "partnerships"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      similar_challenge_vendors: {
        Args: { challenge: string }
        Returns: {
          challenge_language: string
          challenge_slug: string
          challenge_title: string
          city_name: string
          evidence: string
          organisation_id: string
          organisation_name: string
          organisation_slug: string
        }[]
      }
      similar_challenges: {
        Args: { challenge_id: string; max_results?: number }
        Returns: Database["public"]["CompositeTypes"]["search_hit"][]
        SetofOptions: {
          from: "*"
          to: "search_hit"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      stalled: {
        Args: { p: Database["public"]["Tables"]["partnerships"]["Row"] }
        Returns: boolean
      }
      start_joint_challenge: {
        Args: { challenges: string[]; summary?: string; title: string }
        Returns: {
          created_at: string
          created_by: string | null
          domain: Database["public"]["Enums"]["challenge_domain"]
          id: string
          summary: string
          title: string
        }
        SetofOptions: {
          from: "*"
          to: "joint_challenges"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      start_search_outbox: { Args: never; Returns: undefined }
      stop_search_outbox: { Args: never; Returns: number }
      submit_proposal: {
        Args: { proposal: string }
        Returns: {
          approach: string
          challenge_id: string
          client_references: string
          cost_estimate: number | null
          created_at: string
          created_by: string | null
          currency: string | null
          decided_at: string | null
          decided_by: string | null
          feedback: string | null
          id: string
          links: string[]
          organisation_id: string
          pilot_plan: string
          status: Database["public"]["Enums"]["proposal_status"]
          submitted_at: string | null
          summary: string
          timeline: string
          title: string
          updated_at: string
          version: number
          withdrawn_at: string | null
        }
        SetofOptions: {
          from: "*"
          to: "proposals"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      unassign_reviewer: {
        Args: { challenge: string; reviewer: string }
        Returns: undefined
      }
      unfollow_challenge: { Args: { challenge: string }; Returns: boolean }
      update_challenge: {
        Args: {
          budget_max?: number
          budget_min?: number
          challenge: string
          city: string
          contact_email?: string
          contact_name?: string
          criteria?: Json
          currency?: string
          deadline?: string
          description: string
          domain: Database["public"]["Enums"]["challenge_domain"]
          expected_outcomes?: string
          kind: Database["public"]["Enums"]["challenge_kind"]
          language: string
          priority_areas: Database["public"]["Enums"]["priority_area"][]
          summary: string
          title: string
        }
        Returns: {
          budget_max: number | null
          budget_min: number | null
          city_id: string
          contact_email: string | null
          contact_name: string | null
          created_at: string
          created_by: string | null
          currency: string | null
          deadline: string | null
          description: string
          domain: Database["public"]["Enums"]["challenge_domain"]
          expected_outcomes: string | null
          id: string
          kind: Database["public"]["Enums"]["challenge_kind"]
          language: string
          organisation_id: string
          outcome: Database["public"]["Enums"]["challenge_outcome"] | null
          priority_areas: Database["public"]["Enums"]["priority_area"][]
          published_at: string | null
          slug: string
          status: Database["public"]["Enums"]["challenge_status"]
          summary: string
          title: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "challenges"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      update_submitted_proposal: {
        Args: {
          approach: string
          client_references?: string
          cost_estimate?: number
          currency?: string
          links?: string[]
          pilot_plan?: string
          proposal: string
          summary: string
          timeline?: string
          title: string
        }
        Returns: {
          approach: string
          challenge_id: string
          client_references: string
          cost_estimate: number | null
          created_at: string
          created_by: string | null
          currency: string | null
          decided_at: string | null
          decided_by: string | null
          feedback: string | null
          id: string
          links: string[]
          organisation_id: string
          pilot_plan: string
          status: Database["public"]["Enums"]["proposal_status"]
          submitted_at: string | null
          summary: string
          timeline: string
          title: string
          updated_at: string
          version: number
          withdrawn_at: string | null
        }
        SetofOptions: {
          from: "*"
          to: "proposals"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      withdraw_proposal: {
        Args: { proposal: string }
        Returns: {
          approach: string
          challenge_id: string
          client_references: string
          cost_estimate: number | null
          created_at: string
          created_by: string | null
          currency: string | null
          decided_at: string | null
          decided_by: string | null
          feedback: string | null
          id: string
          links: string[]
          organisation_id: string
          pilot_plan: string
          status: Database["public"]["Enums"]["proposal_status"]
          submitted_at: string | null
          summary: string
          timeline: string
          title: string
          updated_at: string
          version: number
          withdrawn_at: string | null
        }
        SetofOptions: {
          from: "*"
          to: "proposals"
          isOneToOne: true
          isSetofReturn: false
        }
      }
    }
    Enums: {
      challenge_domain:
        "technologies" | "mobility" | "environment" | "utilities"
      challenge_kind: "challenge" | "opportunity"
      challenge_outcome: "awarded" | "not_awarded"
      challenge_status:
        "draft" | "open" | "in_review" | "decided" | "archived" | "withdrawn"
      org_kind: "city" | "vendor" | "hub"
      org_role: "admin" | "member"
      partnership_stage:
        "matched" | "intro" | "pilot" | "contract" | "deployed" | "closed"
      priority_area:
        | "smart-governance"
        | "green-transition"
        | "infrastructure-renewal"
        | "digital-inclusion"
        | "public-safety"
        | "circular-economy"
        | "climate-resilience"
        | "public-health"
      proposal_status:
        | "draft"
        | "submitted"
        | "shortlisted"
        | "declined"
        | "selected"
        | "withdrawn"
    }
    CompositeTypes: {
      search_facet_value: {
        value: string | null
        label: string | null
        count: number | null
      }
      search_facets: {
        domain:
          Database["public"]["CompositeTypes"]["search_facet_value"][] | null
        region:
          Database["public"]["CompositeTypes"]["search_facet_value"][] | null
        city:
          Database["public"]["CompositeTypes"]["search_facet_value"][] | null
        kind:
          Database["public"]["CompositeTypes"]["search_facet_value"][] | null
        status:
          Database["public"]["CompositeTypes"]["search_facet_value"][] | null
        priority:
          Database["public"]["CompositeTypes"]["search_facet_value"][] | null
      }
      search_hit: {
        id: string | null
        slug: string | null
        kind: Database["public"]["Enums"]["challenge_kind"] | null
        language: string | null
        title: string | null
        summary: string | null
        domain: Database["public"]["Enums"]["challenge_domain"] | null
        priority_areas: Database["public"]["Enums"]["priority_area"][] | null
        status: Database["public"]["Enums"]["challenge_status"] | null
        outcome: Database["public"]["Enums"]["challenge_outcome"] | null
        deadline: string | null
        published_at: string | null
        city: Database["public"]["CompositeTypes"]["search_hit_city"] | null
        region: Database["public"]["CompositeTypes"]["search_hit_region"] | null
        budget_min: number | null
        budget_max: number | null
        currency: string | null
        snippet: string | null
        rank: number | null
        budget_min_usd: number | null
        budget_max_usd: number | null
        budget_usd_as_of: string | null
        translations: Json | null
      }
      search_hit_city: {
        slug: string | null
        name: string | null
        country: string | null
      }
      search_hit_region: {
        slug: string | null
        name: string | null
      }
      search_result: {
        total: number | null
        hits: Database["public"]["CompositeTypes"]["search_hit"][] | null
        facets: Database["public"]["CompositeTypes"]["search_facets"] | null
        mode: string | null
      }
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
      challenge_outcome: ["awarded", "not_awarded"],
      challenge_status: [
        "draft",
        "open",
        "in_review",
        "decided",
        "archived",
        "withdrawn",
      ],
      org_kind: ["city", "vendor", "hub"],
      org_role: ["admin", "member"],
      partnership_stage: [
        "matched",
        "intro",
        "pilot",
        "contract",
        "deployed",
        "closed",
      ],
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
      proposal_status: [
        "draft",
        "submitted",
        "shortlisted",
        "declined",
        "selected",
        "withdrawn",
      ],
    },
  },
} as const

